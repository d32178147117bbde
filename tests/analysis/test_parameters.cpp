#include <doctest/doctest.h>

#include <string>

#include "analysis/parameters.h"
#include "core/error.h"
#include "summary_fixture.h"

using namespace attune;
using namespace attune::analysis;
using attune::summary_test::sec;

namespace {

const Parameter& find(const SummaryParameters& p, const std::string& name) {
  for (const Parameter& x : p.used())
    if (x.name == name) return x;
  FAIL("no parameter " << name);
  return p.used().front();
}

ErrorKind error_kind(const Scheme& scheme, const std::map<std::string, Micros>& overrides) {
  try {
    (void)SummaryParameters::resolve(scheme, overrides);
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("expected an error");
  return ErrorKind::Storage;
}

}  // namespace

TEST_CASE("parameters: every used setting with its value and source") {
  const Scheme scheme = summary_test::summary_scheme();
  const SummaryParameters p = SummaryParameters::resolve(scheme);
  // responsiveness 1 + comfort_latency 2 + affect 0 + joint 0 + contingency 2 = 5, in rule order.
  REQUIRE(p.used().size() == 5);
  CHECK(p.used()[0].name == "bid_resp.window_s");
  CHECK(p.used()[0].value == sec(3));
  CHECK(p.used()[0].source == ParameterSource::Scheme);
  CHECK(find(p, "comfort.merge_gap_s").source == ParameterSource::Scheme);
  CHECK(find(p, "comfort.threshold_s").value == sec(10));  // not in the scheme: the default
  CHECK(find(p, "comfort.threshold_s").source == ParameterSource::Default);
  CHECK(find(p, "talk_q.window_s").source == ParameterSource::Scheme);
  CHECK(find(p, "talk_q.unit_s").value == sec(1));
  CHECK(std::string(to_string(find(p, "talk_q.unit_s").source)) == "default");
  CHECK(p.for_rule("comfort").size() == 2);
  CHECK(p.for_rule("affect").empty());
  CHECK(p.value("bid_resp.window_s") == sec(3));
  CHECK_THROWS_AS((void)p.value("nope.window_s"), std::out_of_range);
}

TEST_CASE("parameters: overrides by name replace the scheme's value and say so") {
  const Scheme scheme = summary_test::summary_scheme();
  const auto [name, value] = parse_parameter_override("bid_resp.window_s=5");
  CHECK(name == "bid_resp.window_s");
  CHECK(value == sec(5));
  const SummaryParameters p = SummaryParameters::resolve(scheme, {{name, value}, {"talk_q.unit_s", sec(0.5)}});
  CHECK(find(p, "bid_resp.window_s").value == sec(5));
  CHECK(find(p, "bid_resp.window_s").source == ParameterSource::Override);
  CHECK(std::string(to_string(ParameterSource::Override)) == "override");
  CHECK(find(p, "talk_q.unit_s").value_text() == "0.5");
  CHECK(find(p, "comfort.merge_gap_s").source == ParameterSource::Scheme);  // untouched
}

TEST_CASE("parameters: unknown names and bad values are refused with a sentence") {
  const Scheme scheme = summary_test::summary_scheme();
  try {
    (void)SummaryParameters::resolve(scheme, {{"bid_resp.merge_gap_s", sec(2)}});  // not used by responsiveness
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("bid_resp.merge_gap_s") != std::string::npos);
    CHECK(std::string(e.what()).find("bid_resp.window_s") != std::string::npos);  // lists the known ones
  }
  CHECK(error_kind(scheme, {{"bid_resp.window_s", sec(-1)}}) == ErrorKind::InvalidInput);
  CHECK(error_kind(scheme, {{"talk_q.unit_s", 0}}) == ErrorKind::InvalidInput);
  CHECK(error_kind(scheme, {{"bid_resp.window_s", sec(86401)}}) == ErrorKind::InvalidInput);
  CHECK_THROWS_AS(parse_parameter_override("window_s"), Error);
  CHECK_THROWS_AS(parse_parameter_override("bid_resp.window_s=three"), Error);

  Scheme odd = scheme;
  odd.rules[0].type = "telepathy";
  CHECK(error_kind(odd, {}) == ErrorKind::InvalidInput);
}
