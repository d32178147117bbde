// attune-cli end to end: the real binary, a real database file.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "../media/vfr_clip.h"
#include "cli_fixture.h"

using namespace attune::test;
using nlohmann::json;

namespace {
mode_t mode_of(const std::string& path) {
  struct stat st{};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// Imports the tiny scheme and creates a session; returns its id.
std::string new_session(const Cli& cli) {
  auto imported = cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)});
  REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
  auto created = cli({"session", "create", "--scheme", "tiny@1", "--dyad", "D-017", "--child-age-months", "14",
                      "--type", "free play", "--fps", "25", "--duration", "300"});
  REQUIRE_MESSAGE(created.exit_code == 0, created.err);
  return trimmed(created.out);
}
}  // namespace

TEST_CASE("cli: code, list, edit, delete, undo and redo a session") {
  Cli cli;
  const std::string session = new_session(cli);
  CHECK(session == "1");

  auto bid = cli({"event", "add", session, "bid", "--at", "12.345678", "--modifier", "channel=vocal",
                  "--comment", "reaches for the ball"});
  REQUIRE_MESSAGE(bid.exit_code == 0, bid.err);
  const std::string bid_id = trimmed(bid.out);
  CHECK(bid_id == "1");
  auto positive = cli({"event", "add", session, "pos", "--at", "10"});
  REQUIRE(positive.exit_code == 0);
  // Negative in the exclusive affect group ends Positive at 20 s.
  auto negative = cli({"event", "add", session, "neg", "--at", "20", "--modifier", "intensity=2"});
  REQUIRE(negative.exit_code == 0);

  json events = json::parse(cli({"event", "list", session, "--json"}).out);
  REQUIRE(events.size() == 3);
  CHECK(events[0]["code"] == "pos");
  CHECK(events[0]["end_us"] == 20'000'000);
  CHECK(events[1]["code"] == "bid");
  CHECK(events[1]["start_us"] == 12'345'678);  // stored exactly
  CHECK(events[1]["start_s"] == 12.345678);
  CHECK(events[1]["frame"] == 308);  // floor(12.345678 * 25)
  CHECK(events[1]["subject"] == "child");
  CHECK(events[1]["modifiers"]["channel"] == "vocal");
  CHECK(events[1]["comment"] == "reaches for the ball");
  CHECK(events[2]["code"] == "neg");
  CHECK(events[2]["end_s"].is_null());  // still running

  auto edited = cli({"event", "edit", bid_id, "--at", "13.5", "--comment", ""});
  REQUIRE_MESSAGE(edited.exit_code == 0, edited.err);
  events = json::parse(cli({"event", "list", session, "--json"}).out);
  CHECK(events[1]["start_us"] == 13'500'000);
  CHECK(events[1]["comment"] == "");

  REQUIRE(cli({"event", "delete", bid_id}).exit_code == 0);
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out).size() == 2);

  auto undone = cli({"undo", session});
  CHECK(undone.exit_code == 0);
  CHECK(trimmed(undone.out) == "undone: Delete Bid");
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out).size() == 3);
  CHECK(cli({"undo", session}).exit_code == 0);  // the edit
  events = json::parse(cli({"event", "list", session, "--json"}).out);
  CHECK(events[1]["start_us"] == 12'345'678);
  CHECK(events[1]["comment"] == "reaches for the ball");
  CHECK(trimmed(cli({"redo", session}).out) == "redone: Edit Bid");
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out)[1]["start_us"] == 13'500'000);

  json shown = json::parse(cli({"session", "show", session, "--json"}).out);
  CHECK(shown["recording"]["dyad"] == "D-017");
  CHECK(shown["recording"]["child_age_months"] == 14);
  CHECK(shown["recording"]["fps"] == "25");
  CHECK(shown["coder"] == "tester");
  CHECK(shown["scheme"]["name"] == "tiny");
  CHECK(shown["event_count"] == 3);
  CHECK(shown["open_states"].size() == 1);
  CHECK(shown["undo"] == "Edit Bid");
  CHECK(shown["redo"] == "Delete Bid");

  json sessions = json::parse(cli({"session", "list", "--json"}).out);
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0]["status"] == "coding");
  json schemes = json::parse(cli({"scheme", "list", "--json"}).out);
  REQUIRE(schemes.size() == 1);
  CHECK(schemes[0]["name"] == "tiny");
}

TEST_CASE("cli: exit codes and one-line errors") {
  Cli cli;
  const std::string session = new_session(cli);
  auto expect = [&](std::vector<std::string> args, int code, const std::string& fragment) {
    auto r = cli(args);
    CHECK_MESSAGE(r.exit_code == code, args[0], " ", r.err);
    CHECK_MESSAGE(r.err.rfind("error: ", 0) == 0, r.err);
    CHECK_MESSAGE(r.err.find(fragment) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find('\n') == r.err.size() - 1, "one line: ", r.err);
  };
  expect({"frobnicate"}, 2, "frobnicate");
  expect({"event", "add", session, "bid"}, 2, "--at");
  expect({"event", "add", session, "bid", "--at", "abc"}, 2, "'abc' is not a time in seconds");
  expect({"event", "add", session, "bid", "--at", "1.1234567"}, 2, "at most 6 decimals");
  expect({"event", "add", session, "nope", "--at", "1"}, 2, "has no code 'nope'");
  expect({"event", "add", session, "look", "--at", "1"}, 2, "needs a subject: parent, child");
  expect({"event", "add", session, "bid", "--at", "1", "--modifier", "channel=shout"}, 2, "'shout'");
  expect({"event", "add", session, "bid", "--at", "1", "--modifier", "channel"}, 2, "ID=VALUE");
  expect({"event", "add", "99", "bid", "--at", "1"}, 1, "99");
  expect({"event", "add", "x", "bid", "--at", "1"}, 2, "positive whole number");
  expect({"event", "delete", "424242"}, 1, "424242");
  expect({"undo", session}, 1, "nothing to undo");
  expect({"session", "create", "--scheme", "missing", "--dyad", "X"}, 2, "no scheme 'missing'");
  expect({"session", "create", "--scheme", "tiny@x", "--dyad", "X"}, 2, "NAME@VERSION");
  expect({"session", "show", "7"}, 1, "7");
  CHECK(cli({"event", "list", session, "--json"}).out == "[]\n");  // nothing was written by the failures
  CHECK(cli({"--help"}).exit_code == 0);
}

TEST_CASE("cli: exclusive group overlap is refused with a clear message") {
  Cli cli;
  const std::string session = new_session(cli);
  REQUIRE(cli({"event", "add", session, "pos", "--at", "10", "--end", "20"}).exit_code == 0);
  auto r = cli({"event", "add", session, "neg", "--at", "15", "--end", "25"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("would overlap Positive") != std::string::npos);
}

TEST_CASE("cli: a malformed scheme gets line:col errors and exit 2") {
  Cli cli;
  const std::string path = cli.write_scheme("broken.json", "{\n  \"name\": \"x\",\n  \"version\": \"one\"\n}\n");
  auto r = cli({"scheme", "validate", path});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(path + ":3:14: /version: ") != std::string::npos);
  CHECK(r.err.find("error: ") != std::string::npos);
  auto imported = cli({"scheme", "import", path});
  CHECK(imported.exit_code == 2);
  CHECK(imported.err.find(path + ":3:14: /version: ") != std::string::npos);
  const std::string syntax = cli.write_scheme("syntax.json", "{\n  \"name\": \"x\",,\n}\n");
  auto s = cli({"scheme", "validate", syntax});
  CHECK(s.exit_code == 2);
  CHECK(s.err.find(syntax + ":2:15: ") != std::string::npos);
}

TEST_CASE("cli: the shipped schemes validate") {
  Cli cli;
  auto r = cli({"scheme", "validate", std::string(ATTUNE_SOURCE_DIR) + "/samples/schemes/attachment-core.json",
                std::string(ATTUNE_SOURCE_DIR) + "/samples/schemes/pcit-dpics.json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK_MESSAGE(r.err.empty(), r.err);  // not even a warning
}

TEST_CASE("cli: a key a desktop takes is a warning - the scheme still validates and imports") {
  Cli cli;
  std::string text = kTinyScheme;
  const std::string from = R"("key": ")";
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at + from.size(), text.find('"', at + from.size()) - at - from.size(), "F11");
  const std::string path = cli.write_scheme("f11.json", text);
  auto r = cli({"scheme", "validate", path});
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(r.err.find("warning: " + path + ":") == 0, r.err);
  CHECK(r.err.find("Key \"F11\" switches windows to full screen in many desktops, so a press may never reach "
                   "Attune; choose another key.") != std::string::npos);
  auto json_report = cli({"--json", "scheme", "validate", path});
  CHECK(json_report.out.find("\"warnings\"") != std::string::npos);
  auto imported = cli({"scheme", "import", path});
  CHECK(imported.exit_code == 0);
  CHECK(imported.err.find("warning: ") == 0);
}

TEST_CASE("cli: a text file given as --db is refused and left byte-identical") {
  TempDir dir;
  const std::string path = dir.file("notes.txt");
  const std::string text = "Session notes: these are not a database.\n";
  write_file(path, text);
  auto r = run_process({ATTUNE_CLI_PATH, "--db", path, "demo"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("error: ", 0) == 0);
  CHECK(r.err.find(path) != std::string::npos);
  CHECK(read_file(path) == text);
  auto listed = run_process({ATTUNE_CLI_PATH, "--db", path, "session", "list"});
  CHECK(listed.exit_code == 1);
  CHECK(read_file(path) == text);
}

TEST_CASE("cli: the database is created 0600 in a 0700 folder") {
  Cli cli;
  REQUIRE(cli({"demo"}).exit_code == 0);
  CHECK(mode_of(cli.db()) == 0600);
  CHECK(mode_of(cli.dir().file("data")) == 0700);
}

TEST_CASE("cli: listings do not create a database") {
  Cli cli;
  auto r = cli({"session", "list"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no database") != std::string::npos);
  CHECK(run_process({"/usr/bin/test", "-e", cli.db()}).exit_code == 1);
}

TEST_CASE("cli: demo creates a coded session once, then reopens it") {
  Cli cli;
  auto first = cli({"demo"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  CHECK(first.out.find("created demo session 1") != std::string::npos);
  json events = json::parse(cli({"event", "list", "1", "--json"}).out);
  CHECK(events.size() >= 20);
  auto again = cli({"demo", "--json"});
  json info = json::parse(again.out);
  CHECK(info["created"] == false);
  CHECK(info["session"] == 1);
  CHECK(info["events"] == events.size());
  CHECK(cli({"verify"}).exit_code == 0);
}

TEST_CASE("cli: default database location follows ATTUNE_DB, then XDG_DATA_HOME, then HOME") {
  TempDir dir;
  auto by_env = run_process({ATTUNE_CLI_PATH, "demo", "--json"}, {"ATTUNE_DB=" + dir.file("env/a.db")});
  REQUIRE_MESSAGE(by_env.exit_code == 0, by_env.err);
  CHECK(json::parse(by_env.out)["database"] == dir.file("env/a.db"));
  auto by_xdg = run_process({"/usr/bin/env", "-u", "ATTUNE_DB", "XDG_DATA_HOME=" + dir.file("xdg"), ATTUNE_CLI_PATH,
                             "demo", "--json"});
  REQUIRE_MESSAGE(by_xdg.exit_code == 0, by_xdg.err);
  CHECK(json::parse(by_xdg.out)["database"] == dir.file("xdg/attune/attune.db"));
  auto by_home = run_process({"/usr/bin/env", "-u", "ATTUNE_DB", "-u", "XDG_DATA_HOME", "HOME=" + dir.file("home"),
                              ATTUNE_CLI_PATH, "demo", "--json"});
  REQUIRE_MESSAGE(by_home.exit_code == 0, by_home.err);
  CHECK(json::parse(by_home.out)["database"] == dir.file("home/.local/share/attune/attune.db"));
}

TEST_CASE("cli: verify reports an audit row altered outside Attune") {
  Cli cli;
  REQUIRE(cli({"demo"}).exit_code == 0);
  REQUIRE(cli({"verify"}).exit_code == 0);
  // Tamper the way someone with the sqlite3 shell would: drop the guard, edit a row.
  auto tamper = run_process({"/usr/bin/sqlite3", cli.db(),
                             "DROP TRIGGER IF EXISTS audit_no_update; "
                             "UPDATE audit SET actor = 'mallory' WHERE id = 3;"});
  if (tamper.exit_code != 0) {
    MESSAGE("tampering failed (trigger names differ?): " << tamper.err);
  }
  REQUIRE(tamper.exit_code == 0);
  auto r = cli({"verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: ") == 0);
}

TEST_CASE("cli: on a variable-rate video an event's frame is the file's frame, not the average rate's") {
  Cli cli;
  const std::string clip = cli.dir().file("vfr.mp4");
  bool made = false;
  const std::string command = make_vfr_clip(clip, made);
  REQUIRE_MESSAGE(made, command);
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  auto created = cli({"session", "create", "--scheme", "tiny", "--dyad", "VFR-1", "--video", clip});
  REQUIRE_MESSAGE(created.exit_code == 0, created.err);
  const std::string session = trimmed(created.out);
  // 3.5 s is in the 24 fps part: frame 60 + 36 = 96. At the average rate (23 fps) it would be 80.
  REQUIRE(cli({"event", "add", session, "bid", "--at", "3.5"}).exit_code == 0);
  // 5.9 s is in the 15 fps part: frame 108 + 28 = 136 (frame 28 of that part starts at 5.866667 s).
  REQUIRE(cli({"event", "add", session, "look", "--subject", "child", "--at", "5.9"}).exit_code == 0);
  const json events = json::parse(cli({"event", "list", session, "--json"}).out);
  REQUIRE(events.size() == 2);
  CHECK(events[0]["frame"] == 96);
  CHECK(events[1]["frame"] == 136);
  // The index was cached beside the database, one file named by the video's hash.
  const json shown = json::parse(cli({"session", "show", session, "--json"}).out);
  const std::string hash = shown["recording"]["video_hash"];
  CHECK(std::filesystem::exists(cli.dir().file("data/frame-index/" + hash.substr(7) + ".idx")));
  // Editing the time re-stamps the frame through the index too.
  const std::string id = std::to_string(events[0]["id"].get<std::int64_t>());
  REQUIRE(cli({"event", "edit", id, "--at", "4.1"}).exit_code == 0);  // 15 fps part: 108 + 1
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out)[0]["frame"] == 109);
  // An event coded by an older version carries a frame counted at the average rate (here
  // 94 for 4.1 s); the export writes the file's frame at its time.
  auto legacy = run_process({"/usr/bin/sqlite3", cli.db(), "UPDATE events SET frame = 94 WHERE id = " + id});
  REQUIRE_MESSAGE(legacy.exit_code == 0, legacy.err);
  CHECK(json::parse(cli({"event", "list", session, "--json"}).out)[0]["frame"] == 94);
  const std::string csv = cli.dir().file("events.csv");
  auto exported = cli({"export", session, "--what", "events", "--format", "csv", "-o", csv});
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  const std::string text = read_file(csv);
  CHECK(text.find(",4.1,4.1,0,0,109,") != std::string::npos);
  CHECK(text.find(",94,") == std::string::npos);

  // Agreement in frame units counts the file's frames too. Two fresh codings of the
  // recording: a Bid at 4.0 s and one at 4.05 s are both in frame 108 (15 fps part: frame
  // 109 starts at 4.066667 s), so they agree; at the average rate (23.5 fps) they would
  // fall in units 94 and 95 and disagree twice.
  const std::string recording = std::to_string(shown["recording"]["id"].get<std::int64_t>());
  auto first = cli({"session", "recode", recording, "--coder", "a"});
  auto second = cli({"session", "recode", recording, "--coder", "b"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  REQUIRE(cli({"event", "add", trimmed(first.out), "bid", "--at", "4"}).exit_code == 0);
  REQUIRE(cli({"event", "add", trimmed(second.out), "bid", "--at", "4.05"}).exit_code == 0);
  auto agreement = cli({"--json", "agreement", trimmed(first.out), trimmed(second.out), "--group", "points", "--code",
                        "bid", "--unit", "frame"});
  REQUIRE_MESSAGE(agreement.exit_code == 0, agreement.err);
  const json agreed = json::parse(agreement.out);
  CHECK(agreed["variable_frame_rate"] == true);
  CHECK(agreed["disagreements"].empty());
}

TEST_CASE("cli: --video records path, size, content hash, frame rate and duration") {
  Cli cli;
  const std::string clip = cli.dir().file("clip.mp4");
  auto made = run_process({"/usr/bin/ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                           "testsrc=duration=2:size=160x120:rate=25", "-pix_fmt", "yuv420p", clip});
  REQUIRE_MESSAGE(made.exit_code == 0, made.err);
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  auto created = cli({"session", "create", "--scheme", "tiny", "--dyad", "V-1", "--video", clip});
  REQUIRE_MESSAGE(created.exit_code == 0, created.err);
  json shown = json::parse(cli({"session", "show", trimmed(created.out), "--json"}).out);
  const json& r = shown["recording"];
  CHECK(r["video_path"] == clip);
  CHECK(r["video_size"] == static_cast<std::int64_t>(read_file(clip).size()));
  // the same hash the coreutils tool computes
  auto sum = run_process({"/usr/bin/sha256sum", clip});
  CHECK(r["video_hash"] == "sha256:" + sum.out.substr(0, 64));
  CHECK(r["fps"] == "25");
  CHECK(r["duration_s"] == 2.0);
  // an event coded at 1 s lands on frame 25
  REQUIRE(cli({"event", "add", trimmed(created.out), "bid", "--at", "1"}).exit_code == 0);
  CHECK(json::parse(cli({"event", "list", trimmed(created.out), "--json"}).out)[0]["frame"] == 25);
  auto missing = cli({"session", "create", "--scheme", "tiny", "--dyad", "V-2", "--video", cli.dir().file("nope.mp4")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.mp4") != std::string::npos);
}

TEST_CASE("cli: a file that is not a video is refused at creation with one sentence, and no session is made") {
  Cli cli;
  REQUIRE(cli({"scheme", "import", cli.write_scheme("tiny.json", kTinyScheme)}).exit_code == 0);
  const std::string notes = cli.write_scheme("notes.txt", "session notes, not a video\n");
  auto text = cli({"session", "create", "--scheme", "tiny", "--dyad", "V-3", "--video", notes});
  CHECK(text.exit_code == 2);
  CHECK(text.err == "error: notes.txt is not a video Attune can play (no video stream found)\n");
  const std::string tone = cli.dir().file("tone.wav");
  REQUIRE(run_process({"/usr/bin/ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=duration=1", tone}).exit_code == 0);
  auto sound = cli({"session", "create", "--scheme", "tiny", "--dyad", "V-4", "--video", tone});
  CHECK(sound.exit_code == 2);
  CHECK(sound.err == "error: tone.wav is not a video Attune can play (no video stream found)\n");
  const std::string still = cli.dir().file("still.png");
  REQUIRE(run_process({"/usr/bin/ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1",
                       still}).exit_code == 0);
  auto image = cli({"session", "create", "--scheme", "tiny", "--dyad", "V-5", "--video", still});
  CHECK(image.exit_code == 2);
  CHECK(image.err == "error: still.png is not a video Attune can play (it is a still image)\n");
  CHECK(json::parse(cli({"session", "list", "--json"}).out).empty());
  // live observation: no --video at all
  CHECK(cli({"session", "create", "--scheme", "tiny", "--dyad", "V-6"}).exit_code == 0);
}
