#include "export/csv.h"

#include <charconv>
#include <cmath>

namespace attune::exports {

const char* to_string(CsvProfile profile) {
  return profile == CsvProfile::Spreadsheet ? "spreadsheet" : "analysis";
}

namespace {

// number_text appended to `out` (no string of its own: the writers call this for every figure).
void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) return;
  if (value == 0) {
    out += '0';
    return;
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec == std::errc()) out.append(buf, end);
}

bool needs_quotes(std::string_view value) {
  for (const char c : value)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  return false;
}

}  // namespace

std::string number_text(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool any = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    any = digits() || any;
  }
  if (!any) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string neutralise(std::string_view text) {
  if (text.empty()) return std::string();
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\n':
      if (is_plain_number(text)) break;
      return "'" + std::string(text);
    default:
      break;
  }
  return std::string(text);
}

void CsvWriter::separator() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

void CsvWriter::quoted(std::string_view value) {
  if (!needs_quotes(value)) {
    out_ += value;
    return;
  }
  out_ += '"';
  for (char c : value) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  out_ += '"';
}

void CsvWriter::text(std::string_view value) {
  separator();
  if (profile_ == CsvProfile::Spreadsheet) quoted(neutralise(value));
  else quoted(value);
}

void CsvWriter::number(std::optional<double> value) {
  separator();
  if (value) append_number(out_, *value);
}

void CsvWriter::integer(std::optional<std::int64_t> value) {
  separator();
  if (value) out_ += std::to_string(*value);
}

void CsvWriter::verbatim(std::string_view value) {
  separator();
  quoted(value);
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

}  // namespace attune::exports
