import json

from click.testing import CliRunner

from kg.cli import cli


def _neighbors(out, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["neighbors", "--out", str(out), *args])


def test_traditional_alias_finds_the_room_and_its_centre(built) -> None:
    r = _neighbors(built[0], "劉欽牛調解室", "--evidence")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("刘钦牛调解室 (MediationRoom, 江西省) · 别名 劉欽牛調解室")
    assert "樟树市综治中心" in r.stdout and "—subOrganizationOf→" in r.stdout
    assert "000_f859df1bf64bd70c [1753, 1849): 今年3月,樟樹市綜治中心整合“劉欽牛調解室”" in r.stdout


def test_json_is_stable_and_complete(built) -> None:
    a = _neighbors(built[0], "樟树市综治中心", "--json")
    b = _neighbors(built[0], "樟樹市綜治中心", "--json")
    assert a.exit_code == 0 and a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["entity"]["id"] == "Organization/樟树市综治中心"
    found = {(n["name"], n["predicate"], n["direction"]) for n in data["neighbors"]}
    assert ("刘钦牛调解室", "subOrganizationOf", "in") in found
    assert ("樟树市", "locatedIn", "out") in found
    assert all(n["documents"] for n in data["neighbors"] if n["predicate"] != "locatedIn")


def test_type_predicate_and_depth_filters(built) -> None:
    r = _neighbors(built[0], "江西省", "--type", "Campaign", "--json")
    data = json.loads(r.stdout)
    assert data["neighbors"] and {n["type"] for n in data["neighbors"]} == {"Campaign"}
    assert "长风7号" in {n["name"] for n in data["neighbors"]}
    r = _neighbors(built[0], "刘钦牛调解室", "--depth", "2", "--predicate", "subOrganizationOf",
                   "--predicate", "locatedIn", "--json")
    deep = {(n["name"], n["depth"]) for n in json.loads(r.stdout)["neighbors"]}
    assert ("樟树市综治中心", 1) in deep and ("樟树市", 2) in deep


def test_unknown_name_suggests_and_fails(built) -> None:
    r = _neighbors(built[0], "刘钦牛")
    assert r.exit_code == 1
    assert "no entity named 刘钦牛" in r.output and "刘钦牛调解室" in r.output


def test_ambiguous_name_lists_candidates(built) -> None:
    # the seeds call two committees 市委政法委: 丰城's and 鹰潭's
    r = _neighbors(built[0], "市委政法委")
    assert r.exit_code == 1
    assert "Organization/丰城市委政法委 (Organization, 江西省)" in r.output
    assert "Organization/鹰潭市委政法委 (Organization, 江西省)" in r.output
    r = _neighbors(built[0], "Organization/鹰潭市委政法委")
    assert r.exit_code == 0 and r.stdout.startswith("鹰潭市委政法委")
