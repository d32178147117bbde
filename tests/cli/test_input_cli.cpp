// attune-cli on untrusted input: scheme files that are too large, too wide or followed by
// garbage; number modifiers written loosely; flags that make no sense for the code; and
// control characters in stored text, which a terminal must never receive raw.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

using namespace attune::test;
using nlohmann::json;

namespace {

std::string new_session(const Cli& cli, const std::string& dyad = "D-017") {
  auto imported = cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)});
  REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
  auto created = cli({"session", "create", "--scheme", "tiny@1", "--dyad", dyad, "--fps", "25", "--duration", "600"});
  REQUIRE_MESSAGE(created.exit_code == 0, created.err);
  return trimmed(created.out);
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

bool has_raw_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n') || u == 0x7F;
  });
}

}  // namespace

TEST_CASE("cli input: a scheme whose subjects array holds 500,000 items is refused in a bounded number of lines") {
  Cli cli;
  std::string text = R"({"name": "wide", "version": 1, "subjects": [)";
  for (int i = 0; i < 500'000; ++i) text += i ? ",1" : "1";
  text += R"(], "groups": [], "codes": []})";
  REQUIRE(text.size() < (1u << 20));
  const std::string path = cli.write_scheme("wide.json", text);
  auto r = cli({"scheme", "validate", path});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(lines(r.err) <= 30, r.err.substr(0, 2000));
  CHECK(r.err.size() < 4000);
  CHECK_MESSAGE(r.err.find("500000 items") != std::string::npos, r.err.substr(0, 2000));
  auto imported = cli({"scheme", "import", path});
  CHECK(imported.exit_code == 2);
  CHECK(lines(imported.err) <= 30);
}

TEST_CASE("cli input: many problems are cut off after the first ones with 'and N more'") {
  Cli cli;
  // 600 subjects of the wrong type: within the item limit, each a problem of its own.
  std::string text = R"({"name": "many", "version": 1, "subjects": [)";
  for (int i = 0; i < 600; ++i) text += i ? ",1" : "1";
  text += R"(], "groups": [], "codes": []})";
  auto r = cli({"scheme", "validate", cli.write_scheme("many.json", text)});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(lines(r.err) <= 60, r.err.substr(0, 3000));
  CHECK_MESSAGE(r.err.find("and 552 more problems") != std::string::npos, r.err.substr(0, 6000));
  json report = json::parse(cli({"--json", "scheme", "validate", cli.write_scheme("many.json", text)}).out);
  CHECK(report[0]["problems"].size() == 50);
  CHECK(report[0]["more_problems"] == 552);
}

TEST_CASE("cli input: /dev/zero and files over 1 MiB are refused after reading at most 1 MiB") {
  Cli cli;
  for (const char* command : {"import", "validate"}) {
    auto r = cli({"scheme", command, "/dev/zero"});
    CHECK_MESSAGE(r.exit_code == 2, command, r.err);
    CHECK_MESSAGE(r.err.find("larger than 1 MiB") != std::string::npos, command, r.err);
    CHECK(lines(r.err) <= 3);
  }
  std::string big = std::string(kTinyScheme) + std::string((1u << 20), ' ');
  auto r = cli({"scheme", "import", cli.write_scheme("big.json", big)});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("larger than 1 MiB") != std::string::npos);
}

TEST_CASE("cli input: a valid scheme followed by a NUL and garbage, or any trailing bytes, is refused") {
  Cli cli;
  for (const std::string& tail : {std::string("\0garbage", 8), std::string("\n\0", 2), std::string(" x"),
                                   std::string("{}")}) {
    const std::string path = cli.write_scheme("tail.json", std::string(kTinyScheme) + tail);
    auto imported = cli({"scheme", "import", path});
    CHECK_MESSAGE(imported.exit_code == 2, imported.err);
    auto validated = cli({"scheme", "validate", path});
    CHECK_MESSAGE(validated.exit_code == 2, validated.err);
  }
  auto nul = cli({"scheme", "import", cli.write_scheme("tail.json", std::string(kTinyScheme) + std::string("\0", 1))});
  CHECK(nul.err.find("NUL") != std::string::npos);
  CHECK(cli({"scheme", "list", "--json"}).out.find("tiny") == std::string::npos);  // nothing stored
  // Trailing white space is fine.
  CHECK(cli({"scheme", "import", cli.write_scheme("ok.json", std::string(kTinyScheme) + "\n\n  \t\n")}).exit_code == 0);
}

TEST_CASE("cli input: number modifiers are plain decimals, compared exactly and stored canonically") {
  Cli cli;
  const std::string session = new_session(cli);  // intensity: number, min 1, max 3
  for (const char* bad : {"0x2", " 2", "2 ", "0x1p1", "+2", "02", "1e0", "2.", ".5", "--2", "inf", "nan", "", "1,5",
                          "0.99999999999999999", "3.0000000000000001", "-0", "4", "0"}) {
    auto r = cli({"event", "add", session, "neg", "--at", "1", "--end", "2", "--modifier", std::string("intensity=") + bad});
    CHECK_MESSAGE(r.exit_code == 2, "intensity=", bad, " ", r.err);
    CHECK_MESSAGE(r.err.rfind("error: ", 0) == 0, r.err);
  }
  CHECK(cli({"event", "list", session, "--json"}).out == "[]\n");
  auto r = cli({"event", "add", session, "neg", "--at", "1", "--end", "2", "--modifier", "intensity=2.50"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = cli({"event", "add", session, "neg", "--at", "3", "--end", "4", "--modifier", "intensity=3.000"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = cli({"event", "add", session, "neg", "--at", "5", "--end", "6", "--modifier", "intensity=1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  json events = json::parse(cli({"event", "list", session, "--json"}).out);
  REQUIRE(events.size() == 3);
  CHECK(events[0]["modifiers"]["intensity"] == "2.5");
  CHECK(events[1]["modifiers"]["intensity"] == "3");
  CHECK(events[2]["modifiers"]["intensity"] == "1");
  // event edit goes through the same parser.
  const std::string id = std::to_string(events[0]["id"].get<int>());
  CHECK(cli({"event", "edit", id, "--modifier", "intensity=0x2"}).exit_code == 2);
  CHECK(cli({"event", "edit", id, "--modifier", "intensity=2.0"}).exit_code == 0);
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out)[0]["modifiers"]["intensity"] == "2");
}

TEST_CASE("cli input: --end on a point code, a repeated --modifier and times past the recording are errors") {
  Cli cli;
  const std::string session = new_session(cli);  // 600 s
  auto expect = [&](std::vector<std::string> args, const std::string& fragment) {
    auto r = cli(args);
    CHECK_MESSAGE(r.exit_code == 2, args[0], " ", r.err);
    CHECK_MESSAGE(r.err.find(fragment) != std::string::npos, r.err);
    CHECK_MESSAGE(lines(r.err) == 1, r.err);
  };
  expect({"event", "add", session, "bid", "--at", "1", "--end", "5"}, "point");
  expect({"event", "add", session, "bid", "--at", "1", "--modifier", "channel=vocal", "--modifier", "channel=gesture"},
         "channel");
  expect({"event", "add", session, "bid", "--at", "1000000000"}, "600");
  expect({"event", "add", session, "pos", "--at", "599", "--end", "601"}, "600");
  expect({"event", "add", session, "pos", "--at", "600.000001"}, "600");
  CHECK(cli({"event", "list", session, "--json"}).out == "[]\n");

  REQUIRE(cli({"event", "add", session, "bid", "--at", "600"}).exit_code == 0);  // the last instant is fine
  REQUIRE(cli({"event", "add", session, "pos", "--at", "10", "--end", "20"}).exit_code == 0);
  json events = json::parse(cli({"event", "list", session, "--json"}).out);
  const std::string pos = std::to_string(events[0]["id"].get<int>());
  const std::string bid = std::to_string(events[1]["id"].get<int>());
  expect({"event", "edit", pos, "--end", "700"}, "600");
  expect({"event", "edit", bid, "--at", "601"}, "600");
  expect({"event", "edit", bid, "--end", "601"}, "point");
  expect({"event", "edit", bid, "--modifier", "channel=vocal", "--modifier", "channel=vocal"}, "channel");
}

TEST_CASE("cli input: control characters in a dyad, a comment and a scheme name are shown escaped") {
  Cli cli;
  const std::string dyad = "D-1\nid  1  fake  row\x1b[31m";
  const std::string session = new_session(cli, dyad);

  auto listed = cli({"session", "list"});
  REQUIRE(listed.exit_code == 0);
  CHECK_MESSAGE(lines(listed.out) == 2, listed.out);  // header + one row: no fake rows
  CHECK(!has_raw_control(listed.out));
  CHECK_MESSAGE(listed.out.find("D-1\\nid  1  fake  row\\x1b[31m") != std::string::npos, listed.out);
  auto shown = cli({"session", "show", session});
  CHECK(!has_raw_control(shown.out));
  CHECK(shown.out.find("\\x1b[31m") != std::string::npos);
  // --json keeps the exact string.
  CHECK(json::parse(cli({"session", "list", "--json"}).out)[0]["recording"]["dyad"] == dyad);

  const std::string comment = "rings\a the bell, back\bspace, nul\x01 and ä – kept";
  REQUIRE(cli({"event", "add", session, "bid", "--at", "1", "--comment", comment}).exit_code == 0);
  auto events = cli({"event", "list", session});
  CHECK(!has_raw_control(events.out));
  CHECK_MESSAGE(events.out.find("rings\\x07 the bell, back\\x08space, nul\\x01 and ä – kept") != std::string::npos,
                events.out);
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out)[0]["comment"] == comment);

  REQUIRE(cli({"comment", "add", session, "see\x1b]0;owned\a here", "--at", "1"}).exit_code == 0);
  auto comments = cli({"comment", "list", session});
  CHECK(!has_raw_control(comments.out));
  CHECK_MESSAGE(comments.out.find("see\\x1b]0;owned\\x07 here") != std::string::npos, comments.out);
  auto audit = cli({"audit"});
  CHECK(!has_raw_control(audit.out));
  auto summary = cli({"summary", session});
  CHECK(!has_raw_control(summary.out));

  std::string scheme = kTinyScheme;
  scheme.replace(scheme.find("\"tiny\""), 6, "\"ti\\u001b[2Jny\"");
  REQUIRE(cli({"scheme", "import", cli.write_scheme("esc.json", scheme)}).exit_code == 0);
  auto schemes = cli({"scheme", "list"});
  CHECK(!has_raw_control(schemes.out));
  CHECK_MESSAGE(schemes.out.find("ti\\x1b[2Jny") != std::string::npos, schemes.out);
  const json listed_schemes = json::parse(cli({"scheme", "list", "--json"}).out);
  CHECK(std::any_of(listed_schemes.begin(), listed_schemes.end(), [](const json& s) { return s["name"] == "ti\x1b[2Jny"; }));
}

TEST_CASE("cli input: error messages and validation lines escape control characters") {
  Cli cli;
  const std::string session = new_session(cli);
  auto r = cli({"event", "add", session, "no\x1b[2Jpe\nx", "--at", "1"});
  CHECK(r.exit_code == 2);
  CHECK(!has_raw_control(r.err));
  CHECK_MESSAGE(r.err.find("no\\x1b[2Jpe\\nx") != std::string::npos, r.err);
  CHECK(lines(r.err) == 1);
  // Invalid UTF-8 is shown as bytes, valid UTF-8 stays as it is.
  r = cli({"event", "add", session, "bad\xff\xfe-ä", "--at", "1"});
  CHECK_MESSAGE(r.err.find("bad\\xff\\xfe-ä") != std::string::npos, r.err);

  std::string scheme = kTinyScheme;
  scheme.replace(scheme.find("\"description\""), 13, "\"desc\\nription\\u001b\"");  // an unknown key: newline, ESC
  auto v = cli({"scheme", "validate", cli.write_scheme("key.json", scheme)});
  CHECK(v.exit_code == 2);
  CHECK(!has_raw_control(v.err));
  CHECK_MESSAGE(lines(v.err) == 2, v.err);  // the unknown key, then the summary
  CHECK_MESSAGE(v.err.find("/desc\\nription\\x1b: ") != std::string::npos, v.err);
}
