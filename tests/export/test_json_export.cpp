// JSON export: valid against schemas/session-export.schema.json, with the same figures as
// the CSV and nulls where a figure cannot be computed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/version.h"
#include "export/json_export.h"
#include "export_fixture.h"
#include "schema_check.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;
using nlohmann::json;

namespace {
json write_json(const ExportOptions& options, const std::vector<ExportSession>& sessions) {
  std::string out;
  auto writer = make_json_writer(options, [&](std::string_view b) { out += b; });
  std::vector<std::shared_ptr<const Scheme>> schemes;
  for (const auto& s : sessions) schemes.push_back(s.scheme);
  writer->begin(schemes);
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return json::parse(out);
}

const json& find_row(const json& rows, const std::string& code, const std::string& subject, const json& episode) {
  for (const json& r : rows)
    if (r["code"] == code && r["subject"] == subject && r["episode"] == episode) return r;
  FAIL("no row for " << code << "/" << subject);
  static json none;
  return none;
}
}  // namespace

TEST_CASE("json export: the schema itself loads") { CHECK_NOTHROW(export_schema()); }

TEST_CASE("json export: a full report document is valid and carries events, summary and parameters") {
  ExportOptions options;
  options.what = What::Report;
  options.format = Format::Json;
  options.generated_utc = "2025-01-02T03:04:05Z";
  const json doc = write_json(options, {tiny_session()});
  CHECK(schema_violations(doc) == "");
  CHECK(doc["format"] == kJsonFormatName);
  CHECK(doc["attune_version"] == attune::version());
  CHECK(doc["generated_utc"] == "2025-01-02T03:04:05Z");
  CHECK(doc["content"] == json::array({"events", "summary"}));
  REQUIRE(doc["sessions"].size() == 1);
  const json& s = doc["sessions"][0];
  CHECK(s["session"]["id"] == 7);
  CHECK(s["session"]["dyad"] == "D-7");
  CHECK(s["session"]["fps"] == "25");
  CHECK(s["scheme"] == json{{"name", "tiny-export"}, {"version", 2}});
  REQUIRE(s["parameters"].size() == 1);
  CHECK(s["parameters"][0] == json{{"name", "bid_resp.window_s"}, {"value_s", 2.0}, {"source", "scheme"}});
  CHECK(s["episodes"].size() == 2);
  CHECK(s["episodes"][1]["label"] == "still");

  REQUIRE(s["events"].size() == 11);
  const json& bid = s["events"][2];
  CHECK(bid["code"] == "bid");
  CHECK(bid["comment"] == kTrickyComment);
  CHECK(bid["modifiers"]["channel"] == "vocal");
  CHECK(bid["start_us"] == 5'000'000);
  const json& open = s["events"][9];
  CHECK(open["open"] == true);
  CHECK(open["end_s"].is_null());

  const json& sum = s["summary"];
  CHECK(sum["codable_s"] == 55.0);
  CHECK(sum["open_states"] == 1);
  const json& pos = find_row(sum["codes"], "pos", "child", nullptr);
  CHECK(pos["count"] == 2);
  CHECK(pos["total_s"] == 25.0);
  CHECK(pos["percent"].get<double>() == doctest::Approx(100.0 * 25.0 / 55.0));
  const json& bid_row = find_row(sum["codes"], "bid", "child", nullptr);
  CHECK(bid_row["total_s"].is_null());  // a point code has no durations
  const json& neg_still = find_row(sum["codes"], "neg", "child", "still");
  CHECK(neg_still["latency_s"].is_null());  // never starts there
  bool found_rule = false;
  for (const json& r : sum["rules"])
    if (r["id"] == "bid_resp" && r["episode"].is_null()) {
      found_rule = true;
      CHECK(r["proportion"] == 0.5);
      CHECK(r["bids"] == 2);
      CHECK(r["name"] == "Bid responsiveness");
    }
  CHECK(found_rule);
}

TEST_CASE("json export: events-only and summary-only documents are valid and hold only their part") {
  ExportOptions options;
  options.format = Format::Json;
  options.what = What::Events;
  const json events = write_json(options, {tiny_session(false), tiny_session(false)});
  CHECK(schema_violations(events) == "");
  CHECK(events["content"] == json::array({"events"}));
  CHECK(events["sessions"].size() == 2);
  CHECK(events["sessions"][0].contains("events"));
  CHECK_FALSE(events["sessions"][0].contains("summary"));

  options.what = What::Summary;
  const json summary = write_json(options, {tiny_session()});
  CHECK(schema_violations(summary) == "");
  CHECK_FALSE(summary["sessions"][0].contains("events"));
  CHECK(summary["sessions"][0]["summary"]["rules"].size() == 3);  // session + 2 episodes
}

TEST_CASE("json export: an empty batch is still a valid document") {
  ExportOptions options;
  options.format = Format::Json;
  options.what = What::Report;
  const json doc = write_json(options, {});
  CHECK(schema_violations(doc) == "");
  CHECK(doc["sessions"].empty());
}

TEST_CASE("json export: the schema catches what a broken writer would produce") {
  ExportOptions options;
  options.what = What::Report;
  options.format = Format::Json;
  json doc = write_json(options, {tiny_session()});
  doc["sessions"][0]["summary"]["codes"][0]["count"] = "two";
  doc["sessions"][0]["events"][0]["extra"] = 1;
  doc.erase("attune_version");
  const std::string problems = schema_violations(doc);
  CHECK(problems.find("/sessions/0/summary/codes/0/count") != std::string::npos);
  CHECK(problems.find("/sessions/0/events/0") != std::string::npos);
  CHECK(problems.find("attune_version") != std::string::npos);
}

TEST_CASE("json summary document: what `attune-cli summary --json` prints") {
  const json doc = summary_document(tiny_session());
  for (const char* key : {"session", "parameters", "codes", "rules", "episodes", "scheme", "attune_version"})
    CHECK_MESSAGE(doc.contains(key), std::string(key));
  const json& pos = find_row(doc["codes"], "pos", "child", nullptr);
  for (const char* key : {"subject", "code", "episode", "count", "rate_per_min", "total_s", "mean_s", "median_s", "sd_s",
                          "percent", "latency_s"})
    CHECK_MESSAGE(pos.contains(key), std::string(key));
  CHECK(doc["rules"][0]["id"] == "bid_resp");
  CHECK(doc["rules"][0]["name"] == "Bid responsiveness");
}
