from hfaug.cli.main import main

raise SystemExit(main())
