#pragma once
// How attune-cli prints: aligned text tables for people, JSON (--json) for programs.
// Times are seconds with up to 6 decimals; JSON also carries the exact microseconds.
//
// Text a person reads never carries a control character to the terminal: stored text
// (dyads, comments, scheme names, JSON keys in problems) may hold ESC, BEL, BS, NUL or a
// newline, and printed raw they would recolour or rewrite the terminal or fake table rows.
// printable() is the one function that makes text safe to show; print_table() applies it to
// every cell, commands apply it to what they interpolate, and TerminalGuard (installed by
// main) passes everything written to std::cout and std::cerr through it as a last line of
// defence. JSON output needs no escaping of its own: nlohmann::json escapes control
// characters as \u00XX, so --json stays exact JSON.
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/event.h"
#include "core/scheme.h"

namespace attune::cli {

// `text` with every control character shown as a visible escape: \n \r \t, and \xNN for the
// other C0 controls and DEL; C1 controls (U+0080–U+009F) as \u0080…; bytes that are not
// valid UTF-8 as \xNN. Printable UTF-8 (ä, –, →) is kept as it is.
std::string printable(std::string_view text);
// The same, but a '\n' is kept (for whole lines of output that end in one).
std::string printable_lines(std::string_view text);

// For the life of the object, std::cout and std::cerr escape what is written to them with
// printable_lines(); raw_out() and raw_err() reach the terminal unfiltered (a report written
// to stdout as bytes; the export progress bar's '\r').
class TerminalGuard {
 public:
  TerminalGuard();
  ~TerminalGuard();
  TerminalGuard(const TerminalGuard&) = delete;
  TerminalGuard& operator=(const TerminalGuard&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
std::ostream& raw_out();
std::ostream& raw_err();

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
void print_json(std::ostream& out, const nlohmann::json& value);

nlohmann::json event_json(const Event& event);
nlohmann::json session_json(const SessionInfo& session, const Recording& recording);
nlohmann::json recording_json(const Recording& recording);
// A session's events as a table (or a JSON array).
void print_events(std::ostream& out, const std::vector<Event>& events, bool json);

}  // namespace attune::cli
