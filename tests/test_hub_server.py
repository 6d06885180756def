"""The local Hub server speaks the Hub's protocol: the real ``huggingface_hub`` client (given
the server's address as ``endpoint``) creates repositories, commits, branches and tags,
lists and downloads files, and gets the Hub's errors. LFS uploads through ``datasets`` are
covered end to end in ``test_hub.py``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from huggingface_hub import CommitOperationAdd, HfApi, get_hf_file_metadata, hf_hub_download, hf_hub_url
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
