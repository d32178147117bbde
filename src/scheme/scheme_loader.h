#pragma once
// Loading, validating and saving coding-scheme JSON files.
//
// A scheme file is untrusted input. Loading it goes through these steps, and every
// problem found on the way is reported (not just the first), sorted by position:
//   1. size (at most kMaxSchemeBytes; a file is never read further than one byte past it),
//      no NUL byte anywhere, nesting depth (at most kMaxSchemeDepth), and at most
//      kMaxSchemeItems items in any one array or object (so the work of every later step is
//      bounded by the size of the file);
//   2. JSON syntax (a syntax error stops here: nothing else can be checked; so does anything
//      but white space after the document);
//   3. keys written twice in one object;
//   4. the structural rules of schemas/coding-scheme.schema.json (embedded in the binary;
//      that file is the single source of truth for structure);
//   5. the rules that span several entries: unique ids and keys, references that resolve,
//      exclusive groups holding only state codes, one episode group, rating and modifier
//      ranges, what each rule type needs.
// At most kMaxSchemeProblems problems are kept, the first ones by position; how many more
// there were is in more_problems. The Scheme is built only when there are no problems at all; it may still carry warnings
// (keys a desktop commonly takes: F10, F11, F12), which do not stop it from loading.
// Loading never throws on bad input; it throws attune::Error only when the build embeds no
// usable schema (a programmer error, caught by the scheme tests).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scheme.h"

namespace attune {

inline constexpr std::size_t kMaxSchemeBytes = 1u << 20;  // 1 MiB; real schemes are a few KiB
inline constexpr int kMaxSchemeDepth = 32;                // the format itself needs 5 levels
inline constexpr std::size_t kMaxSchemeItems = 1000;      // per array or object; real schemes hold < 100 codes
inline constexpr std::size_t kMaxSchemeProblems = 50;     // reported; the rest are counted

struct SchemeProblem {
  std::string file;     // the label given to the loader (usually the path)
  int line = 0;         // 1-based
  int col = 0;          // 1-based, in characters
  std::string pointer;  // JSON pointer of the offending value ("" for the whole file)
  std::string message;  // one plain sentence

  // "FILE:LINE:COL: /json/pointer: sentence" (the pointer "" is shown as "/").
  std::string to_string() const;
};

struct SchemeLoadResult {
  std::optional<Scheme> scheme;  // set only when problems is empty
  std::vector<SchemeProblem> problems;  // at most kMaxSchemeProblems, sorted by position
  std::size_t more_problems = 0;         // found beyond those
  // Allowed but unwise (a key a desktop commonly takes); only for a scheme without problems.
  std::vector<SchemeProblem> warnings;

  bool ok() const { return scheme.has_value() && problems.empty(); }
};

SchemeLoadResult load_scheme_text(std::string_view text, const std::string& file_label);

// The bytes of a scheme file, read once (so what is validated is what is stored), never more
// than kMaxSchemeBytes + 1 of them (/dev/zero, a FIFO or a huge file cannot make it read on);
// or the one problem, at 1:1, that stopped it (unreadable, a folder, too large).
struct SchemeFileText {
  std::string text;
  std::optional<SchemeProblem> problem;
};
SchemeFileText read_scheme_file(const std::string& path);
// read_scheme_file, then load_scheme_text.
SchemeLoadResult load_scheme_file(const std::string& path);

// Canonical pretty JSON (2-space indent, keys in the documented order, empty optional
// fields left out). load_scheme_text(scheme_to_json(s)) gives back a Scheme equal to s
// whenever s itself is valid.
std::string scheme_to_json(const Scheme& scheme);

}  // namespace attune
