"""Opening the data a recipe runs on (:mod:`hfaug.sources.loading`): a local file (:mod:`hfaug.sources.single_file`),
a folder (:mod:`hfaug.sources.folders`), or a Hub dataset id (:mod:`hfaug.sources.hub_dataset`), keeping the splits
asked for or slices of them (:mod:`hfaug.sources.splits`).

The other modules refuse data that `datasets` would misread, saying what to do: the data files it reads by their
names (:mod:`hfaug.sources.data_files`), a folder whose files it would leave out or read as another split
(:mod:`hfaug.sources.folder_checks`), a file whose content is of another type than its name says or separated by
other characters than commas (:mod:`hfaug.sources.content_checks`), a ``.json`` file holding one object
(:mod:`hfaug.sources.json_object`), text that is not UTF-8 (:mod:`hfaug.sources.text_encoding`), and the errors of
`datasets` on data it cannot read (:mod:`hfaug.sources.read_errors`).
"""

from hfaug.sources.data_files import DATA_FILE_TYPES
from hfaug.sources.folder_checks import folder_contents
from hfaug.sources.loading import load_source

__all__ = ["DATA_FILE_TYPES", "folder_contents", "load_source"]
