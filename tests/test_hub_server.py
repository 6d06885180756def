"""The local Hub server speaks the Hub's protocol: the real ``huggingface_hub`` client (given
the server's address as ``endpoint``) creates repositories, commits, branches and tags,
lists and downloads files, and gets the Hub's errors. LFS uploads through ``datasets`` are
covered end to end in ``test_hub.py``."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from huggingface_hub import (
    CommitOperationAdd,
    CommitOperationDelete,
    HfApi,
    get_hf_file_metadata,
    hf_hub_download,
    hf_hub_url,
)
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError
from huggingface_hub.utils import get_session
from huggingface_hub.utils.sha import git_hash

from local_hub import SERVER_SCRIPT, TOKEN, LocalHub


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> LocalHub:
    server = LocalHub(tmp_path_factory.mktemp("hub-data")).start()
    yield server
    server.stop()


@pytest.fixture
def api(hub: LocalHub) -> HfApi:
    return HfApi(endpoint=hub.url, token=TOKEN)


def new_repo(api: HfApi, name: str, **kwargs) -> str:
    return api.create_repo(f"me/{name}", repo_type="dataset", **kwargs).repo_id


def commit_file(api: HfApi, repo_id: str, path: str, content: bytes, **kwargs) -> str:
    operation = CommitOperationAdd(path, content)
    return api.create_commit(repo_id, [operation], commit_message=f"add {path}", repo_type="dataset", **kwargs).oid


def post_commit_lines(hub: LocalHub, repo_id: str, *lines: object):
    """The server's answer to a commit of ``lines`` after a header, posted as the client posts them (NDJSON)."""
    payload = [{"key": "header", "value": {"summary": "add data"}}, *lines]
    return get_session().post(
        f"{hub.url}/api/datasets/{repo_id}/commit/main",
        content="\n".join(json.dumps(line) for line in payload).encode(),
        headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"},
    )


def test_a_new_repository_starts_with_one_commit_on_main(api: HfApi) -> None:
    repo_id = new_repo(api, "fresh")

    info = api.dataset_info(repo_id, files_metadata=True)
    assert (info.id, info.private) == ("me/fresh", False)
    assert [sibling.rfilename for sibling in info.siblings] == [".gitattributes"]
    assert [commit.title for commit in api.list_repo_commits(repo_id, repo_type="dataset")] == ["initial commit"]
    assert api.list_repo_refs(repo_id, repo_type="dataset").branches[0].target_commit == info.sha


def test_creating_a_repository_twice_is_a_conflict_unless_exist_ok(api: HfApi) -> None:
    new_repo(api, "twice")

    with pytest.raises(HfHubHTTPError) as error:
        new_repo(api, "twice")
    assert error.value.response.status_code == 409
    assert new_repo(api, "twice", exist_ok=True) == "me/twice"


def test_a_committed_file_downloads_with_the_hub_headers(api: HfApi, hub: LocalHub, tmp_path: Path) -> None:
    repo_id = new_repo(api, "download")
    sha = commit_file(api, repo_id, "notes/hello.txt", b"hello hub\n")

    metadata = get_hf_file_metadata(
        hf_hub_url(repo_id, "notes/hello.txt", repo_type="dataset", endpoint=hub.url), token=TOKEN
    )
    path = hf_hub_download(
        repo_id, "notes/hello.txt", repo_type="dataset", endpoint=hub.url, token=TOKEN, cache_dir=tmp_path
    )

    assert (metadata.commit_hash, metadata.etag, metadata.size) == (sha, git_hash(b"hello hub\n"), 10)
    assert Path(path).read_bytes() == b"hello hub\n"


def test_a_download_honours_byte_ranges(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "ranges")
    commit_file(api, repo_id, "digits.txt", b"0123456789")

    url = hf_hub_url(repo_id, "digits.txt", repo_type="dataset", endpoint=hub.url)
    response = get_session().get(url, headers={"Range": "bytes=2-5", "authorization": f"Bearer {TOKEN}"})

    assert (response.status_code, response.content) == (206, b"2345")


def test_a_commit_on_a_stale_parent_is_refused_with_412(api: HfApi) -> None:
    repo_id = new_repo(api, "stale")
    parent = api.dataset_info(repo_id).sha
    head = commit_file(api, repo_id, "a.txt", b"a")

    with pytest.raises(HfHubHTTPError) as error:
        commit_file(api, repo_id, "b.txt", b"b", parent_commit=parent)

    assert error.value.response.status_code == 412
    assert "A commit has happened since" in error.value.server_message
    assert api.dataset_info(repo_id).sha == head


def test_a_tag_keeps_pointing_at_its_commit(api: HfApi, tmp_path: Path, hub: LocalHub) -> None:
    repo_id = new_repo(api, "tags")
    tagged = commit_file(api, repo_id, "data.txt", b"version one")
    api.create_tag(repo_id, tag="v1", tag_message="first", repo_type="dataset")
    commit_file(api, repo_id, "data.txt", b"version two")

    path = hf_hub_download(
        repo_id, "data.txt", repo_type="dataset", revision="v1", endpoint=hub.url, token=TOKEN, cache_dir=tmp_path
    )
    refs = api.list_repo_refs(repo_id, repo_type="dataset")
    assert Path(path).read_bytes() == b"version one"
    assert [(tag.name, tag.target_commit) for tag in refs.tags] == [("v1", tagged)]
    assert api.dataset_info(repo_id, revision="v1").sha == tagged


def test_tags_cannot_be_created_twice_and_can_be_deleted(api: HfApi) -> None:
    repo_id = new_repo(api, "tag-life")
    tagged = api.dataset_info(repo_id).sha
    api.create_tag(repo_id, tag="v1", repo_type="dataset")

    with pytest.raises(HfHubHTTPError) as error:
        api.create_tag(repo_id, tag="v1", repo_type="dataset")
    assert (error.value.response.status_code, error.value.server_message) == (
        409,
        f"Reference already exists: tag 'v1' of {repo_id} points to {tagged}",
    )
    api.delete_tag(repo_id, tag="v1", repo_type="dataset")
    assert api.list_repo_refs(repo_id, repo_type="dataset").tags == []
    with pytest.raises(RevisionNotFoundError):
        api.dataset_info(repo_id, revision="v1")


@pytest.mark.parametrize(
    ("kind", "existing", "new"),
    [("tag", "release/v1", "release"), ("tag", "release", "release/v1"), ("branch", "dev", "dev/x")],
    ids=["folder-of-a-tag", "inside-a-tag", "inside-a-branch"],
)
def test_a_ref_that_would_be_the_folder_of_another_or_inside_it_is_a_conflict(
    api: HfApi, kind: str, existing: str, new: str
) -> None:
    repo_id = new_repo(api, f"nested-{kind}-{existing.replace('/', '-')}")
    create = api.create_tag if kind == "tag" else api.create_branch
    create(repo_id, **{kind: existing}, repo_type="dataset")
    refs = api.list_repo_refs(repo_id, repo_type="dataset")

    with pytest.raises(HfHubHTTPError) as error:
        create(repo_id, **{kind: new}, repo_type="dataset")

    assert (error.value.response.status_code, error.value.server_message) == (
        409,
        f"Reference conflicts with {kind} {existing!r} of {repo_id}: git cannot keep both {new!r} and "
        f"{existing!r} (a ref cannot be both a file and a folder); choose another {kind} name",
    )
    assert api.list_repo_refs(repo_id, repo_type="dataset") == refs


def test_branches_start_where_asked_and_take_their_own_commits(api: HfApi) -> None:
    repo_id = new_repo(api, "branches")
    base = commit_file(api, repo_id, "a.txt", b"a")
    api.create_branch(repo_id, branch="dev", revision=base, repo_type="dataset")
    on_dev = commit_file(api, repo_id, "b.txt", b"b", revision="dev")

    branches = {ref.name: ref.target_commit for ref in api.list_repo_refs(repo_id, repo_type="dataset").branches}
    assert branches == {"main": base, "dev": on_dev}
    assert api.list_repo_files(repo_id, repo_type="dataset", revision="main") == [".gitattributes", "a.txt"]
    assert api.list_repo_files(repo_id, repo_type="dataset", revision="dev") == [".gitattributes", "a.txt", "b.txt"]
    api.delete_branch(repo_id, branch="dev", repo_type="dataset")
    assert [ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").branches] == ["main"]


def commit_operations(api: HfApi, repo_id: str, operations: list) -> str:
    return api.create_commit(repo_id, operations, commit_message="change files", repo_type="dataset").oid


def test_a_file_cannot_take_the_path_of_a_folder(api: HfApi) -> None:
    repo_id = new_repo(api, "file-over-folder")
    commit_file(api, repo_id, "data/train.csv", b"1")
    head = commit_file(api, repo_id, "data/test.csv", b"2")

    with pytest.raises(HfHubHTTPError) as error:
        commit_file(api, repo_id, "data", b"oops")

    assert (error.value.response.status_code, error.value.server_message) == (
        409,
        "Cannot add the file 'data': it is a folder; delete the folder earlier in the same commit "
        "(CommitOperationDelete('data/')) or choose another path",
    )
    assert api.dataset_info(repo_id).sha == head
    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", "data/test.csv", "data/train.csv"]


def test_a_folder_deleted_earlier_in_the_commit_can_be_replaced_by_a_file(api: HfApi) -> None:
    repo_id = new_repo(api, "folder-to-file")
    commit_file(api, repo_id, "data/x.csv", b"x")

    commit_operations(api, repo_id, [CommitOperationDelete("data/"), CommitOperationAdd("data", b"y")])

    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", "data"]


def test_a_file_deleted_earlier_in_the_commit_can_be_replaced_by_a_folder(api: HfApi) -> None:
    repo_id = new_repo(api, "file-to-folder")
    commit_file(api, repo_id, "data", b"x")

    commit_operations(api, repo_id, [CommitOperationDelete("data"), CommitOperationAdd("data/x.csv", b"y")])

    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", "data/x.csv"]


@pytest.mark.parametrize(
    ("operations", "file", "parent"),
    [
        ([CommitOperationAdd("z", b"1"), CommitOperationAdd("z/y", b"2")], "z/y", "z"),
        ([CommitOperationAdd("data/x.csv/inner", b"2")], "data/x.csv/inner", "data/x.csv"),
    ],
    ids=["file-of-the-same-commit", "file-of-the-head"],
)
def test_a_file_cannot_go_inside_another_file(api: HfApi, operations: list, file: str, parent: str) -> None:
    repo_id = new_repo(api, f"inside-a-file-{len(operations)}")
    head = commit_file(api, repo_id, "data/x.csv", b"x")

    with pytest.raises(HfHubHTTPError) as error:
        commit_operations(api, repo_id, operations)

    assert (error.value.response.status_code, error.value.server_message) == (
        409,
        f"Cannot add the file {file!r}: {parent!r} is a file, not a folder; delete it earlier in the same commit "
        "or choose another path",
    )
    assert api.dataset_info(repo_id).sha == head


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("nul", "data/a\x00b.csv"),
        ("newline", "data/a\nb.csv"),
        ("tab", "tab\there.txt"),
        ("c1-control", "data/a\x85b.csv"),
        ("git-in-capitals", "a/.GIT/config"),
        ("git-in-mixed-case", "x/.Git"),
    ],
)
def test_a_path_with_a_control_character_or_a_git_part_in_any_case_is_refused(api: HfApi, name: str, path: str) -> None:
    repo_id = new_repo(api, f"refused-path-{name}")
    head = api.dataset_info(repo_id).sha

    with pytest.raises(HfHubHTTPError) as error:
        commit_file(api, repo_id, path, b"x")

    assert (error.value.response.status_code, error.value.server_message) == (
        400,
        f"invalid path in repository {path!r}: use a relative path such as 'data/train.parquet', with no empty, '.', "
        "'..' or '.git' part and no control character",
    )
    commit_file(api, repo_id, "data/ok.csv", b"ok")  # the repository takes commits as before
    assert api.dataset_info(repo_id).sha != head
    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", "data/ok.csv"]


def test_a_repository_name_with_a_final_newline_is_refused(hub: LocalHub) -> None:
    response = get_session().post(
        f"{hub.url}/api/repos/create",
        json={"type": "dataset", "organization": "me", "name": "ok\n"},
        headers={"authorization": f"Bearer {TOKEN}"},
    )

    assert (response.status_code, response.json()["error"]) == (
        400,
        "invalid repository name 'ok\\n': use letters, digits, '-', '_' and '.', neither starting nor ending with '-' "
        "or '.', without '--' or '..', not ending with '.git' (at most 96 characters)",
    )
    assert not (hub.root / "repos" / "datasets" / "me" / "ok\n.git").exists()


def test_an_lfs_oid_with_a_final_newline_is_an_invalid_object(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "lfs-oid-newline")
    oid = "a" * 64 + "\n"

    response = get_session().post(
        f"{hub.url}/datasets/{repo_id}.git/info/lfs/objects/batch",
        json={"operation": "upload", "objects": [{"oid": oid, "size": 3}]},
        headers={"authorization": f"Bearer {TOKEN}"},
    )

    assert response.json()["objects"] == [
        {"oid": oid, "size": 3, "error": {"code": 422, "message": "invalid object: expected a SHA-256 oid and a size in bytes"}}
    ]


def test_a_commit_id_with_a_final_newline_is_no_revision(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "sha-newline")
    sha = api.dataset_info(repo_id).sha

    response = get_session().get(f"{hub.url}/api/datasets/{repo_id}/revision/{sha}%0A")

    assert (response.status_code, response.json()["error"]) == (
        404,
        f"Invalid rev id: {sha}\n (no branch, tag or commit of {repo_id} has that name)",
    )


def test_tree_and_paths_info_describe_files_and_folders(api: HfApi) -> None:
    repo_id = new_repo(api, "tree")
    commit_file(api, repo_id, "data/train/part-0.txt", b"rows")

    top = {entry.path: type(entry).__name__ for entry in api.list_repo_tree(repo_id, repo_type="dataset")}
    deep = [entry.path for entry in api.list_repo_tree(repo_id, "data", recursive=True, repo_type="dataset")]
    info = api.get_paths_info(
        repo_id, ["data/train/part-0.txt", "data", "missing.txt"], repo_type="dataset", expand=True
    )

    assert top == {".gitattributes": "RepoFile", "data": "RepoFolder"}
    assert deep == ["data/train", "data/train/part-0.txt"]
    assert [(entry.path, type(entry).__name__) for entry in info] == [
        ("data/train/part-0.txt", "RepoFile"),
        ("data", "RepoFolder"),
    ]
    assert (info[0].size, info[0].blob_id, info[0].last_commit.title) == (
        4,
        git_hash(b"rows"),
        "add data/train/part-0.txt",
    )


def test_a_repository_named_without_namespace_is_the_users(api: HfApi, hub: LocalHub, tmp_path: Path) -> None:
    assert api.create_repo("bare", repo_type="dataset").repo_id == "local/bare"
    sha = commit_file(api, "bare", "data/rows.txt", b"rows")
    api.create_tag("bare", tag="v1", repo_type="dataset")

    path = hf_hub_download(
        "bare", "data/rows.txt", repo_type="dataset", revision="v1", endpoint=hub.url, token=TOKEN, cache_dir=tmp_path
    )
    assert Path(path).read_bytes() == b"rows"
    assert (api.dataset_info("bare").id, api.dataset_info("bare", revision="v1").sha) == ("local/bare", sha)
    assert [tag.target_commit for tag in api.list_repo_refs("bare", repo_type="dataset").tags] == [sha]
    assert api.list_repo_commits("bare", repo_type="dataset")[0].commit_id == sha
    assert [entry.path for entry in api.list_repo_tree("bare", "data", repo_type="dataset")] == ["data/rows.txt"]
    assert api.list_repo_files("local/bare", repo_type="dataset") == [".gitattributes", "data/rows.txt"]


def test_a_path_that_names_two_repositories_goes_to_the_one_that_exists(api: HfApi) -> None:
    new_repo(api, "refs")  # GET /api/datasets/me/refs: the info of me/refs, or the refs of local/me
    api.create_repo("other", repo_type="dataset")  # GET /api/datasets/other/refs: the same two readings

    assert api.dataset_info("me/refs").id == "me/refs"
    assert [branch.name for branch in api.list_repo_refs("other", repo_type="dataset").branches] == ["main"]


def test_listings_filter_by_author_and_by_search_in_the_id(api: HfApi) -> None:
    for repo_id in ("alice-lists/sst2-aug", "bob-lists/trec-aug"):
        api.create_repo(repo_id, repo_type="dataset")
    api.create_repo("alice-lists/model-a")

    assert [info.id for info in api.list_datasets(author="alice-lists")] == ["alice-lists/sst2-aug"]
    assert [info.id for info in api.list_datasets(search="TREC")] == ["bob-lists/trec-aug"]
    assert [info.id for info in api.list_datasets(author="bob-lists", search="sst2")] == []
    assert [info.id for info in api.list_models(author="bob-lists")] == []
    assert {"alice-lists/sst2-aug", "bob-lists/trec-aug"} <= {info.id for info in api.list_datasets()}


def test_a_listing_holds_at_most_limit_repositories(api: HfApi, hub: LocalHub) -> None:
    for name in ("first", "second"):
        api.create_repo(f"limit-lists/{name}", repo_type="dataset")
    url, headers = f"{hub.url}/api/datasets", {"authorization": f"Bearer {TOKEN}"}

    limited = get_session().get(url, params={"author": "limit-lists", "limit": "1"}, headers=headers)
    invalid = get_session().get(url, params={"limit": "0"}, headers=headers)

    assert [repo["id"] for repo in limited.json()] == ["limit-lists/first"]
    assert (invalid.status_code, invalid.json()["error"]) == (
        400,
        "invalid listing limit '0': use a positive number of repositories",
    )


def test_a_listing_filter_the_server_does_not_apply_is_refused(api: HfApi) -> None:
    with pytest.raises(HfHubHTTPError) as error:
        list(api.list_datasets(task_categories="text-classification", sort="downloads"))

    assert (error.value.response.status_code, error.value.server_message) == (
        400,
        "this server cannot list datasets by filter, sort: it applies only author, search and limit; "
        "leave the others out and filter the listing on the client",
    )


def write_upload_folder(folder: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content)
    return folder


@pytest.mark.parametrize(
    ("name", "in_the_repository", "uploaded"),
    [
        ("gitignore-head", b"*.log\ntmp/\n", {"data.csv": "a\n1\n", "run.log": "noise", "tmp/x.txt": "t"}),
        ("gitignore-uploaded", b"*.csv\n", {".gitignore": "*.log\n", "data.csv": "a\n1\n", "run.log": "noise"}),
    ],
    ids=["the-repository-s", "the-uploaded-one"],
)
def test_an_uploaded_folder_leaves_out_what_the_gitignore_that_applies_ignores(
    api: HfApi, tmp_path: Path, name: str, in_the_repository: bytes, uploaded: dict[str, str]
) -> None:
    repo_id = new_repo(api, name)
    commit_file(api, repo_id, ".gitignore", in_the_repository)
    folder = write_upload_folder(tmp_path, uploaded)

    api.upload_folder(folder_path=folder, repo_id=repo_id, repo_type="dataset")

    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes", ".gitignore", "data.csv"]


def test_a_preupload_gitignore_that_is_not_text_is_refused(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "gitignore-not-text")

    response = get_session().post(
        f"{hub.url}/api/datasets/{repo_id}/preupload/main",
        json={"files": [], "gitIgnore": ["*.log"]},
        headers={"authorization": f"Bearer {TOKEN}"},
    )

    assert (response.status_code, response.json()["error"]) == (
        400,
        "preupload 'gitIgnore' must be the text of a .gitignore file",
    )


def test_a_private_repository_is_invisible_without_a_token(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "secret", private=True)

    assert api.dataset_info(repo_id).private is True
    with pytest.raises(RepositoryNotFoundError):
        HfApi(endpoint=hub.url, token=False).dataset_info(repo_id)


def test_a_repository_is_made_private_and_public_again_through_its_settings(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "visibility")
    anonymous = HfApi(endpoint=hub.url, token=False)

    api.update_repo_settings(repo_id, private=True, repo_type="dataset")
    assert api.dataset_info(repo_id).private is True
    with pytest.raises(RepositoryNotFoundError):
        anonymous.dataset_info(repo_id)

    api.update_repo_settings(repo_id, visibility="public", repo_type="dataset")
    assert anonymous.dataset_info(repo_id).private is False


def test_a_repository_moves_to_a_new_name_with_its_history_tags_and_visibility(api: HfApi) -> None:
    repo_id = new_repo(api, "old-name", private=True)
    head = commit_file(api, repo_id, "data.txt", b"rows")
    api.create_tag(repo_id, tag="v1", repo_type="dataset")

    api.move_repo(repo_id, "moved-to/new-name", repo_type="dataset")

    info = api.dataset_info("moved-to/new-name")
    assert (info.sha, info.private) == (head, True)
    assert [tag.target_commit for tag in api.list_repo_refs("moved-to/new-name", repo_type="dataset").tags] == [head]
    assert not api.repo_exists(repo_id, repo_type="dataset")


def test_a_repository_cannot_move_onto_another_or_from_nowhere(api: HfApi) -> None:
    source, taken = new_repo(api, "move-source"), new_repo(api, "move-taken")

    with pytest.raises(HfHubHTTPError) as conflict:
        api.move_repo(source, taken, repo_type="dataset")
    with pytest.raises(RepositoryNotFoundError):
        api.move_repo("me/move-nowhere", "me/move-anywhere", repo_type="dataset")

    assert (conflict.value.response.status_code, conflict.value.server_message) == (
        409,
        f"Cannot move {source} to {taken}: a dataset repository of that name exists; delete it first or choose "
        "another name",
    )
    assert api.repo_exists(source, repo_type="dataset")


def test_a_repository_cannot_move_to_its_own_name(api: HfApi) -> None:
    repo_id = new_repo(api, "move-in-place")

    with pytest.raises(HfHubHTTPError) as error:
        api.move_repo(repo_id, repo_id, repo_type="dataset")

    assert (error.value.response.status_code, error.value.server_message) == (
        400,
        f"Cannot move {repo_id} to itself: give its new name as toRepo",
    )


def test_squashing_history_is_declined_with_what_to_do(api: HfApi) -> None:
    repo_id = new_repo(api, "no-squash")

    with pytest.raises(HfHubHTTPError) as error:
        api.super_squash_history(repo_id, repo_type="dataset")

    assert (error.value.response.status_code, error.value.server_message) == (
        501,
        "this server does not squash history (super_squash_history): a branch keeps all its commits; to start "
        "over, delete the repository and push again",
    )


def test_a_repository_was_created_with_its_first_commit_whatever_its_settings_since(api: HfApi) -> None:
    repo_id = new_repo(api, "created")
    first_commit = api.list_repo_commits(repo_id, repo_type="dataset")[-1].created_at

    created = api.dataset_info(repo_id).created_at
    api.update_repo_settings(repo_id, private=True, repo_type="dataset")

    assert created == api.dataset_info(repo_id).created_at == first_commit


def test_a_repository_whose_config_has_no_creation_time_was_created_with_its_first_commit(
    api: HfApi, hub: LocalHub
) -> None:
    repo_id = new_repo(api, "created-before")
    commit_file(api, repo_id, "a.txt", b"a")
    config = hub.root / "repos" / "datasets" / "me" / "created-before.git" / "config"
    config.write_text("".join(line for line in config.read_text().splitlines(True) if "created" not in line))

    assert api.dataset_info(repo_id).created_at == api.list_repo_commits(repo_id, repo_type="dataset")[-1].created_at


def test_a_wrong_token_is_rejected_and_writes_need_one(hub: LocalHub) -> None:
    with pytest.raises(HfHubHTTPError) as wrong:
        HfApi(endpoint=hub.url, token="hf_wrong").create_repo("me/nope", repo_type="dataset")
    with pytest.raises(HfHubHTTPError) as anonymous:
        HfApi(endpoint=hub.url, token=False).create_repo("me/nope", repo_type="dataset")

    assert (wrong.value.response.status_code, wrong.value.server_message) == (
        401,
        "Invalid credentials in Authorization header",
    )
    assert anonymous.value.response.status_code == 401
    assert "needs a token to write (set HF_TOKEN)" in anonymous.value.server_message


def test_xet_uploads_are_declined_with_what_to_set(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "no-xet")

    response = get_session().get(
        f"{hub.url}/api/datasets/{repo_id}/xet-write-token/main", headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert response.status_code == 501
    assert "set HF_HUB_DISABLE_XET=1" in response.json()["error"]


def test_lfs_upload_urls_are_signed_and_content_is_checked(api: HfApi, hub: LocalHub) -> None:
    from huggingface_hub.lfs import UploadInfo, post_lfs_batch_info

    repo_id = new_repo(api, "lfs")
    upload = UploadInfo.from_bytes(b"\x00binary payload")
    actions, errors, _ = post_lfs_batch_info(
        [upload], token=TOKEN, repo_type="dataset", repo_id=repo_id, endpoint=hub.url
    )
    href = actions[0]["actions"]["upload"]["href"]

    forged = get_session().put(href.replace("sig=", "sig=0"), content=b"\x00binary payload")
    corrupt = get_session().put(href, content=b"\x00other payload!")
    stored = get_session().put(href, content=b"\x00binary payload")
    again, _, _ = post_lfs_batch_info([upload], token=TOKEN, repo_type="dataset", repo_id=repo_id, endpoint=hub.url)

    assert errors == [] and [forged.status_code, corrupt.status_code, stored.status_code] == [403, 422, 200]
    assert "actions" not in again[0]  # already stored: nothing to upload


def test_repositories_and_tags_survive_a_crash_and_a_stale_ref_lock(tmp_path: Path) -> None:
    server = LocalHub(tmp_path / "hub-data").start()
    try:
        api = HfApi(endpoint=server.url, token=TOKEN)
        repo_id = new_repo(api, "durable")
        tagged = commit_file(api, repo_id, "a.txt", b"a")
        api.create_tag(repo_id, tag="v1", repo_type="dataset")
        server.kill()
        lock = tmp_path / "hub-data" / "repos" / "datasets" / "me" / "durable.git" / "refs" / "heads" / "main.lock"
        lock.write_text("left by a writer that was killed\n")
        server.start()

        head = commit_file(api, repo_id, "b.txt", b"b")
        assert api.dataset_info(repo_id, revision="v1").sha == tagged
        assert api.dataset_info(repo_id).sha == head != tagged
    finally:
        server.stop()


def run_server_that_fails_to_start(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the server's command line with ``args``, in an environment without a token, expecting it to exit."""
    return subprocess.run(
        [sys.executable, str(SERVER_SCRIPT), "--port", "0", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )


def test_the_server_names_itself_as_it_is_run() -> None:
    result = subprocess.run([sys.executable, "-m", "hfaug.hubserver", "--help"], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m hfaug.hubserver [-h] --root ROOT")


def test_the_server_refuses_to_listen_beyond_loopback_without_a_token(tmp_path: Path) -> None:
    result = run_server_that_fails_to_start("--root", str(tmp_path), "--host", "0.0.0.0")

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "python -m hfaug.hubserver: error: refusing to serve 0.0.0.0 without a token; pass --token or set $HFAUG_HUB_SERVER_TOKEN"
    )


def test_an_empty_token_is_no_token(tmp_path: Path) -> None:
    result = run_server_that_fails_to_start("--root", str(tmp_path), "--host", "0.0.0.0", "--token", "")

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "python -m hfaug.hubserver: error: refusing to serve 0.0.0.0 without a token (the --token given is empty); "
        "pass --token or set $HFAUG_HUB_SERVER_TOKEN"
    )


def test_a_root_that_cannot_hold_the_data_is_one_line_of_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")

    result = run_server_that_fails_to_start("--root", str(tmp_path / "a-file"))

    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"python -m hfaug.hubserver: error: cannot keep the data in --root {tmp_path / 'a-file'}: "
        f"Not a directory: {str(tmp_path / 'a-file' / 'lfs' / 'tmp')!r}; pass a folder this user can create and write"
    )


@pytest.mark.parametrize(
    ("shape", "line"),
    [("text-value", {"key": "lfsFile", "value": "data.bin"}), ("list", [1, 2]), ("text-header", {"key": "header", "value": "add data"})],
)
def test_a_commit_line_of_another_shape_than_an_operation_is_refused_in_its_words(
    api: HfApi, hub: LocalHub, shape: str, line: object
) -> None:
    response = post_commit_lines(hub, new_repo(api, f"commit-shape-{shape}"), line)

    assert (response.status_code, response.json()["error"]) == (
        400,
        f'the commit payload holds {json.dumps(line)}: each line must be an object {{"key": ..., "value": {{...}}}}',
    )


def test_a_commit_naming_an_lfs_object_by_a_number_is_refused_in_its_words(api: HfApi, hub: LocalHub) -> None:
    lfs_file = {"key": "lfsFile", "value": {"path": "data.bin", "algo": "sha256", "oid": 123}}
    response = post_commit_lines(hub, new_repo(api, "lfs-oid-number"), lfs_file)

    assert (response.status_code, response.json()["error"]) == (
        400,
        "invalid LFS oid 123: expected 64 lowercase hex digits (a SHA-256)",
    )


@pytest.mark.parametrize(
    ("method", "endpoint"),
    [
        ("POST", "/api/repos/create"),
        ("PUT", "/api/datasets/me/json-body/settings"),
        ("POST", "/api/datasets/me/json-body/paths-info/main"),
        ("POST", "/datasets/me/json-body.git/info/lfs/objects/verify"),
        ("POST", "/api/validate-yaml"),
    ],
)
def test_a_json_body_that_is_no_object_is_refused_in_its_words(
    api: HfApi, hub: LocalHub, method: str, endpoint: str
) -> None:
    new_repo(api, "json-body", exist_ok=True)

    response = get_session().request(
        method, f"{hub.url}{endpoint}", json=["a", "list"], headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert (response.status_code, response.json()["error"]) == (
        400,
        "the request body must be a JSON object ({...}), got list",
    )


def test_a_repository_to_create_without_a_name_is_refused(hub: LocalHub) -> None:
    response = get_session().post(
        f"{hub.url}/api/repos/create", json={"type": "dataset"}, headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert (response.status_code, response.json()["error"]) == (
        400,
        "the request names no repository: send its 'name' (and its namespace as 'organization') as text",
    )
    assert not (hub.root / "repos" / "datasets" / "local" / "None.git").exists()


def test_a_file_whose_base64_content_is_broken_is_refused_not_stored_empty(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "broken-base64")
    broken = {"key": "file", "value": {"path": "data.csv", "content": "@@@", "encoding": "base64"}}

    response = post_commit_lines(hub, repo_id, broken)

    assert (response.status_code, response.json()["error"]) == (
        400,
        "the content of 'data.csv' is not valid base64 (Only base64 data is allowed): send the file's bytes "
        "base64-encoded",
    )
    assert api.list_repo_files(repo_id, repo_type="dataset") == [".gitattributes"]


def test_a_file_whose_base64_content_is_wrapped_in_lines_is_stored_whole(
    api: HfApi, hub: LocalHub, tmp_path: Path
) -> None:
    # base64 as MIME and `base64.encodebytes` write it, in lines of 76 characters, was refused as broken
    content = bytes(range(256))
    encoded = base64.encodebytes(content).decode()
    wrapped = {"key": "file", "value": {"path": "data.bin", "content": encoded, "encoding": "base64"}}

    response = post_commit_lines(hub, repo_id := new_repo(api, "wrapped-base64"), wrapped)

    assert response.status_code == 200, response.text
    path = hf_hub_download(repo_id, "data.bin", repo_type="dataset", endpoint=hub.url, token=TOKEN, cache_dir=tmp_path)
    assert Path(path).read_bytes() == content


@pytest.mark.parametrize(
    ("endpoint", "body", "error"),
    [
        ("tag/main", {"tag": "v1", "message": 7}, "the request's 'message' must be text, got 7"),
        ("branch/dev", {"startingPoint": 7}, "the request's 'startingPoint' must be text, got 7"),
        ("paths-info/main", {"paths": "data.csv"}, """the request's 'paths' must be a list of paths, got "data.csv\""""),
        ("paths-info/main", {"paths": [7]}, "the request's 'paths' must be a list of paths, got [7]"),
        ("preupload/main", {"files": [7]}, "the request's 'files' must be a list of {'path', 'size', 'sample'} objects, got [7]"),
        ("preupload/main", {"files": [{"path": "a.csv", "size": "7"}]}, """the request's 'size' must be a number of bytes, got "7\""""),
        ("preupload/main", {"files": [{"path": 7, "size": 7}]}, "the request's 'path' must be text, got 7"),
        ("lfs", {"operation": "upload", "objects": [7]}, "the request's 'objects' must be a list of {'oid', 'size'} objects, got [7]"),
    ],
)
def test_a_request_field_of_the_wrong_type_is_refused_in_its_words(
    api: HfApi, hub: LocalHub, endpoint: str, body: dict, error: str
) -> None:
    repo_id = new_repo(api, "field-types", exist_ok=True)
    url = f"{hub.url}/api/datasets/{repo_id}/{endpoint}"
    if endpoint == "lfs":
        url = f"{hub.url}/datasets/{repo_id}.git/info/lfs/objects/batch"

    response = get_session().post(url, json=body, headers={"authorization": f"Bearer {TOKEN}"})

    assert (response.status_code, response.json()["error"]) == (400, error)
    assert [ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags] == []


def test_a_repository_name_that_the_hub_takes_is_taken(api: HfApi) -> None:
    repo_id = new_repo(api, "_data_")

    assert api.dataset_info(repo_id).id == "me/_data_"


def test_a_repository_name_with_a_double_dash_is_refused_as_by_the_hub(hub: LocalHub) -> None:
    response = get_session().post(
        f"{hub.url}/api/repos/create",
        json={"type": "dataset", "organization": "me", "name": "a--b"},
        headers={"authorization": f"Bearer {TOKEN}"},
    )

    assert (response.status_code, response.json()["error"]) == (
        400,
        "invalid repository name 'a--b': use letters, digits, '-', '_' and '.', neither starting nor ending with '-' "
        "or '.', without '--' or '..', not ending with '.git' (at most 96 characters)",
    )


def test_an_endpoint_the_server_does_not_implement_is_named_whatever_its_method(hub: LocalHub) -> None:
    response = get_session().request(
        "PATCH", f"{hub.url}/api/collections/me/c-1", json={"title": "x"}, headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert (response.status_code, response.json()["error"]) == (
        404,
        "this server does not implement PATCH /api/collections/me/c-1",
    )


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"private": "false"}, """the request's 'private' must be true or false, got "false\""""),
        ({"visibility": "Public"}, """the request's 'visibility' must be "public" or "private", got "Public\""""),
    ],
)
def test_a_visibility_the_server_cannot_read_is_refused_not_guessed(
    api: HfApi, hub: LocalHub, body: dict, error: str
) -> None:
    repo_id = new_repo(api, "visibility-words", exist_ok=True)

    response = get_session().put(
        f"{hub.url}/api/datasets/{repo_id}/settings", json=body, headers={"authorization": f"Bearer {TOKEN}"}
    )

    assert (response.status_code, response.json()["error"]) == (400, error)
    assert api.dataset_info(repo_id).private is False


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ({"summary": ["add", "data"]}, """the request's 'summary' must be text, got ["add", "data"]"""),
        ({"summary": "add data", "description": 7}, "the request's 'description' must be text, got 7"),
        ({"summary": "add data", "parentCommit": 7}, "the request's 'parentCommit' must be text, got 7"),
    ],
)
def test_a_commit_header_field_of_the_wrong_type_is_refused_not_written_as_text(
    api: HfApi, hub: LocalHub, header: dict, error: str
) -> None:
    repo_id = new_repo(api, "header-types", exist_ok=True)
    head = api.dataset_info(repo_id).sha

    response = get_session().post(
        f"{hub.url}/api/datasets/{repo_id}/commit/main",
        content=json.dumps({"key": "header", "value": header}).encode(),
        headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"},
    )

    assert (response.status_code, response.json()["error"]) == (400, error)
    assert api.dataset_info(repo_id).sha == head


def test_paths_info_asked_for_in_a_form_that_is_not_utf8_finds_no_path(api: HfApi, hub: LocalHub) -> None:
    repo_id = new_repo(api, "paths-form")

    response = get_session().post(
        f"{hub.url}/api/datasets/{repo_id}/paths-info/main",
        content=b"paths=\xff&expand=false",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )

    assert (response.status_code, response.json()) == (200, [])


def test_a_blob_half_written_for_a_download_when_the_server_was_killed_is_removed_on_start(tmp_path: Path) -> None:
    # it stayed in cache/blobs for good, under a temporary name no download reads
    from hfaug.hubserver.store import HubStore

    store = HubStore(tmp_path / "data")
    store.create_repo("dataset", "me/blobs", private=False, author="me")
    with store.open("dataset", "me/blobs") as repo:
        head = repo.create_commit(
            "main", [{"key": "file", "value": {"path": "a.txt", "content": "hello"}}], summary="add", author="me"
        )
        served = repo.local_file(repo.entry(head, "a.txt"))
    half_written = served.with_name(f".partial-{served.name}-123")
    half_written.write_bytes(b"hel")

    HubStore(tmp_path / "data")

    assert sorted(path.name for path in served.parent.iterdir()) == [served.name]
