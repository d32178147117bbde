#pragma once
// CSV as the exports write it, in two profiles:
//   analysis     RFC 4180 (comma, CRLF records, fields with a comma, quote, CR or LF
//                quoted and quotes doubled), UTF-8 without BOM, every value exactly as
//                stored: a reader gets back the very same strings.
//   spreadsheet  the same, plus a UTF-8 BOM (so Excel reads UTF-8), and text cells that a
//                spreadsheet would run as a formula neutralised as OWASP recommends: a cell
//                starting with = + - @ TAB CR or LF gets a leading single quote. Plain
//                numbers ("-0.25") are values, not formulas, and stay as they are.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune::exports {

enum class CsvProfile { Analysis, Spreadsheet };
const char* to_string(CsvProfile profile);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The shortest decimal text that reads back as the same double ("0.1", "66.66666666666667");
// "" for NaN or infinity, "0" for -0.
std::string number_text(double value);
// "-12", "3.25", "1e-07": the text is a number and nothing else.
bool is_plain_number(std::string_view text);
// The spreadsheet profile's treatment of one text cell (see above).
std::string neutralise(std::string_view text);

// Builds CSV records into a string the caller drains.
class CsvWriter {
 public:
  explicit CsvWriter(CsvProfile profile) : profile_(profile) {}
  CsvProfile profile() const { return profile_; }

  // The BOM in the spreadsheet profile, "" in the analysis profile.
  std::string_view file_prefix() const { return profile_ == CsvProfile::Spreadsheet ? kUtf8Bom : std::string_view(); }

  void text(std::string_view value);            // neutralised in the spreadsheet profile
  void number(std::optional<double> value);     // "" when not computable
  void integer(std::optional<std::int64_t> value);
  void verbatim(std::string_view value);        // already-safe text: numbers formatted elsewhere
  void end_row();

  std::string& out() { return out_; }

 private:
  void separator();
  void quoted(std::string_view value);

  CsvProfile profile_;
  std::string out_;
  bool row_started_ = false;
};

}  // namespace attune::exports
