// libFuzzer target: the parsers of values a person types or a file holds.
// The first byte picks the parser, the rest is its text:
//   0  parse_seconds        (--at, --end, --duration)     round trip through format_seconds
//   1  parse_time           (the event list's time cells)  round trip through format_clock_exact
//   2  parse_frame_rate     (--fps)                        round trip through format_frame_rate
//   3  parse_parameter_override (summary --param NAME=SECONDS)
//   4  modifiers: "CODE\nID=VALUE\n..." through attune-cli's --modifier parser and the
//      scheme's check of an event (attachment-core; pcit-dpics when selector / 6 is odd);
//      an accepted set of values survives the store's column text unchanged
//   5  the store's events.modifiers column decoder: equal to nlohmann::json's reading
//   6  number modifiers: core/decimal's strict parser and exact comparison
// A parser may refuse its text with attune::Error(InvalidInput) (the column decoder with
// nlohmann::json::exception); any other exception, a crash, or a broken round trip stops the
// run. The entry points are named once each below, so a renamed parser is a one-line change.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/parameters.h"
#include "cli/context.h"
#include "core/commands.h"
#include "core/embedded.h"
#include "core/error.h"
#include "core/time.h"
#include "scheme/scheme_loader.h"
#include "core/decimal.h"
#include "store/modifier_text.h"
#include "store/store_util.h"

namespace {

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "%s: '%.*s'\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

const attune::Scheme& shipped(bool second) {
  static const attune::Scheme core =
      *attune::load_scheme_text(attune::embedded_file("samples/schemes/attachment-core.json"), "core").scheme;
  static const attune::Scheme pcit =
      *attune::load_scheme_text(attune::embedded_file("samples/schemes/pcit-dpics.json"), "pcit").scheme;
  return second ? pcit : core;
}

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t nl = text.find('\n', from);
    out.emplace_back(text.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from));
    if (nl == std::string_view::npos) break;
    from = nl + 1;
  }
  return out;
}

void modifiers(std::string_view text, bool second) {
  std::vector<std::string> items = lines(text);
  attune::Event event;
  event.code = items.front();
  items.erase(items.begin());
  event.modifiers = attune::cli::parse_modifiers(items);  // attune-cli event add --modifier
  const attune::Scheme& scheme = shipped(second);
  const attune::Code* code = scheme.find_code(event.code);
  if (!code) return;
  if (!code->subjects.empty()) event.subject = code->subjects.front();
  event.start = 1'000'000;
  if (code->kind == attune::CodeKind::Point) event.end = event.start;
  else event.end = 2'000'000;
  attune::check_event(event, scheme);  // the one check every path to the store goes through
  // Accepted values are stored as the column text and read back unchanged.
  const std::string column = attune::store_detail::dump_text(nlohmann::json(event.modifiers));
  if (attune::store_detail::modifiers_from_text(column) != event.modifiers) fail("modifier column round trip", column);
}

void column(std::string_view text) {
  attune::ModifierValues fast;
  bool fast_ok = true;
  try {
    fast = attune::store_detail::modifiers_from_text(text);
  } catch (const nlohmann::json::exception&) {
    fast_ok = false;
  }
  attune::ModifierValues slow;
  bool slow_ok = true;
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    slow = j.get<attune::ModifierValues>();
  } catch (const nlohmann::json::exception&) {
    slow_ok = false;
  }
  if (fast_ok != slow_ok || fast != slow) fail("the column decoder differs from nlohmann::json", text);
}

}  // namespace

// Number modifiers: the canonical spelling is a fixed point, reads as the same number, and
// compares with a bound as strtod would wherever the double is not right at the bound.
void decimal(std::string_view text) {
  const std::optional<std::string> canonical = attune::canonical_decimal(text);
  if (!canonical) return;
  if (attune::canonical_decimal(*canonical) != canonical) fail("canonical_decimal is not idempotent", text);
  const double value = std::strtod(std::string(text).c_str(), nullptr);
  if (std::strtod(canonical->c_str(), nullptr) != value) fail("the canonical spelling reads as another number", text);
  for (const double bound : {-1.0, 0.0, 0.5, 1.0, 10.0}) {
    const int order = attune::compare_decimal(*canonical, bound);
    if ((value < bound && order > 0) || (value > bound && order < 0))
      fail("compare_decimal disagrees with the number's order", text);
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (selector % 7) {
      case 0: {
        const attune::Micros t = attune::parse_seconds(text);
        if (attune::parse_seconds(attune::format_seconds(t)) != t) fail("parse_seconds(format_seconds(t)) != t", text);
        if (attune::parse_seconds(attune::format_seconds_fixed(t)) != t) fail("fixed round trip", text);
        break;
      }
      case 1: {
        const attune::Micros t = attune::parse_time(text);
        if (t < 0) fail("parse_time gave a negative time", text);
        if (attune::parse_time(attune::format_clock_exact(t)) != t) fail("parse_time(format_clock_exact(t)) != t", text);
        break;
      }
      case 2: {
        const attune::FrameRate rate = attune::parse_frame_rate(text);
        if (!rate.valid()) fail("parse_frame_rate accepted an invalid rate", text);
        const attune::FrameRate again = attune::parse_frame_rate(attune::format_frame_rate(rate));
        if (static_cast<__int128>(again.num) * rate.den != static_cast<__int128>(rate.num) * again.den)
          fail("frame rate round trip", text);
        break;
      }
      case 3:
        (void)attune::analysis::parse_parameter_override(text);
        break;
      case 4:
        modifiers(text, (selector / 6) % 2 == 1);
        break;
      case 5:
        column(text);
        break;
      case 6:
        decimal(text);
        break;
    }
  } catch (const attune::Error& e) {
    if (e.kind() != attune::ErrorKind::InvalidInput) fail("a parser threw an error other than InvalidInput", text);
  }
  return 0;
}
