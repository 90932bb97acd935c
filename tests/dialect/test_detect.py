"""Choosing the dialect: by name, from a release, a vermagic, a kernel tree, kbuild's environment,
and the override; an unsupported kernel is a DialectError that names the supported ones."""

from __future__ import annotations

import re

import pytest

from pymodpost.dialect import (DEFAULT, DIALECTS, ENV_VAR, DialectError, by_name, for_release, for_tree,
                               for_vermagic, for_version, from_environment, release_version)
from pymodpost.dialect.versions import ALL
from tests.fixtures import facts_dir

SUPPORTED_NAMES = "6.1-debian, 6.1, 6.12, 7.3"
SUPPORTED_VERSIONS = "6.1, 6.12, 7.3"


def recorded(kernel: str, fact: str) -> str:
    """A fact kept from the real x86_64 kernel: its ``vermagic`` or the release of ``utsrelease.h``."""
    text = (facts_dir(kernel, "x86_64") / fact).read_text()
    return re.search(r'UTS_RELEASE "([^"]+)"', text).group(1) if fact == "utsrelease.h" else text


#: release -> the dialect it picks: the kernels' own releases (6.1 and 6.12 as their headers
#: recorded them; 7.3.4 is the oracle's upstream version, which has no bundled facts)
RELEASES = {recorded("6.1", "utsrelease.h"): "6.1-debian",
            recorded("6.12", "utsrelease.h"): "6.12",
            "7.3.4": "7.3"}


def test_the_registry_names_each_dialect_once_and_one_default_per_version():
    assert list(DIALECTS) == [d.name for d in ALL] == SUPPORTED_NAMES.split(", ")
    for version in {d.version for d in ALL}:
        assert len([d for d in ALL if d.version == version and d.default_for_version]) == 1, version
    assert DEFAULT is DIALECTS["6.1-debian"]


@pytest.mark.parametrize("name", SUPPORTED_NAMES.split(", "))
def test_by_name(name):
    assert by_name(name).name == name
    assert by_name(by_name(name)) is by_name(name)


def test_an_unknown_name_lists_the_supported_ones():
    with pytest.raises(DialectError) as caught:
        by_name("5.10")
    assert str(caught.value) == f"unknown kernel dialect '5.10' (supported: {SUPPORTED_NAMES})"


def test_releases_as_the_headers_recorded_them():
    assert set(RELEASES) == {"6.1.0-56-amd64", "6.12.118+deb12-amd64", "7.3.4"}


@pytest.mark.parametrize("release,name", sorted(RELEASES.items()))
def test_for_release(release, name):
    assert for_release(release).name == name


def test_release_version():
    assert [release_version(r) for r in sorted(RELEASES)] == [(6, 1), (6, 12), (7, 3)]
    assert release_version(" 6.12.118+deb12-amd64\n") == (6, 12)
    assert release_version("vmlinuz") is None


def test_a_release_of_an_unsupported_kernel_names_the_supported_versions():
    with pytest.raises(DialectError) as caught:
        for_release("5.10.0-30-amd64")
    assert str(caught.value) == (f"kernel release: Linux 5.10 is not a supported kernel (supported: "
                                 f"{SUPPORTED_VERSIONS}; choose one with --dialect or {ENV_VAR})")


def test_what_is_not_a_release_says_so():
    with pytest.raises(DialectError, match="^kernel release: 'linux' is not a kernel release$"):
        for_release("linux")


def test_a_version_picks_its_default_dialect():
    assert [for_version(*d.version, "test").name for d in ALL] == ["6.1-debian", "6.1-debian", "6.12", "7.3"]


@pytest.mark.parametrize("kernel,name", [("6.1", "6.1-debian"), ("6.12", "6.12")])
def test_for_vermagic_of_a_real_kernel(kernel, name):
    assert for_vermagic(recorded(kernel, "vermagic")).name == name


def test_an_unsupported_vermagic_says_where_the_version_came_from():
    vermagic = recorded("6.1", "vermagic").replace("6.1.0-56-amd64", "5.10.0-30-amd64")
    with pytest.raises(DialectError, match="^vermagic: Linux 5.10 is not a supported kernel"):
        for_vermagic(vermagic)


# -- kernel trees -------------------------------------------------------------------------------

def makefile_head(version: int, patchlevel: int) -> str:
    """The first lines of a kernel's top Makefile."""
    return (f"# SPDX-License-Identifier: GPL-2.0\nVERSION = {version}\nPATCHLEVEL = {patchlevel}\n"
            f"SUBLEVEL = 0\nEXTRAVERSION =\nNAME = Baby Opossum Posse\n")


def kernel_release_tree(where, release: str):
    (where / "include" / "config").mkdir(parents=True)
    (where / "include" / "config" / "kernel.release").write_text(release + "\n")
    return where


@pytest.mark.parametrize("release,name", sorted(RELEASES.items()))
def test_a_tree_by_its_kernel_release(tmp_path, release, name):
    assert for_tree(kernel_release_tree(tmp_path, release)).name == name


@pytest.mark.parametrize("version,name", [((6, 1), "6.1-debian"), ((6, 12), "6.12"), ((7, 3), "7.3")])
def test_a_tree_by_its_makefile(tmp_path, version, name):
    (tmp_path / "Makefile").write_text(makefile_head(*version))
    assert for_tree(tmp_path).name == name


def test_kernel_release_comes_before_the_makefile(tmp_path):
    kernel_release_tree(tmp_path, recorded("6.12", "utsrelease.h"))
    (tmp_path / "Makefile").write_text(makefile_head(6, 1))
    assert for_tree(tmp_path).name == "6.12"


def test_what_is_not_a_tree_is_none(tmp_path):
    assert for_tree(tmp_path) is None
    (tmp_path / "Makefile").write_text("VERSION = 6\nobj-m += hello.o\n")  # a module's, not a kernel's
    assert for_tree(tmp_path) is None


def test_a_tree_of_an_unsupported_kernel_names_its_file(tmp_path):
    (tmp_path / "Makefile").write_text(makefile_head(5, 10))
    with pytest.raises(DialectError) as caught:
        for_tree(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'Makefile'}: Linux 5.10 is not a supported kernel "
                                        f"(supported: {SUPPORTED_VERSIONS};")


# -- the environment kbuild gives modpost -------------------------------------------------------

@pytest.mark.parametrize("version,patchlevel,name", [("6", "1", "6.1-debian"), ("6", "12", "6.12"), ("7", "3", "7.3")])
def test_kbuilds_exported_version(tmp_path, version, patchlevel, name):
    assert from_environment({"VERSION": version, "PATCHLEVEL": patchlevel}, cwd=str(tmp_path)).name == name


@pytest.mark.parametrize("name", SUPPORTED_NAMES.split(", "))
def test_the_override_beats_kbuilds_version_and_the_tree(tmp_path, name):
    kernel_release_tree(tmp_path, "7.3.4")
    env = {ENV_VAR: name, "VERSION": "6", "PATCHLEVEL": "12"}
    assert from_environment(env, cwd=str(tmp_path)).name == name


def test_an_unknown_override_is_an_error():
    with pytest.raises(DialectError, match=f"^unknown kernel dialect '6.6' \\(supported: {SUPPORTED_NAMES}\\)$"):
        from_environment({ENV_VAR: "6.6", "VERSION": "6", "PATCHLEVEL": "12"})


def test_an_unsupported_kbuild_version_names_the_supported_ones(tmp_path):
    with pytest.raises(DialectError) as caught:
        from_environment({"VERSION": "5", "PATCHLEVEL": "10"}, cwd=str(tmp_path))
    assert str(caught.value) == (f"kbuild's VERSION/PATCHLEVEL: Linux 5.10 is not a supported kernel "
                                 f"(supported: {SUPPORTED_VERSIONS}; choose one with --dialect or {ENV_VAR})")


def test_without_kbuilds_version_the_tree_in_cwd_decides(tmp_path):
    kernel_release_tree(tmp_path, "7.3.4")
    assert from_environment({}, cwd=str(tmp_path)).name == "7.3"
    # an empty override and a half-exported version say nothing
    assert from_environment({ENV_VAR: "", "VERSION": "6", "PATCHLEVEL": ""}, cwd=str(tmp_path)).name == "7.3"


def test_with_nothing_to_go_by_the_default(tmp_path):
    assert from_environment({}, cwd=str(tmp_path)) is DEFAULT
