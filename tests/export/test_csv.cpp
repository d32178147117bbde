// CSV writing: RFC 4180 quoting, the two profiles, number text, and a round trip through a
// strict reader.
#include <doctest/doctest.h>

#include "export/csv.h"
#include "export_fixture.h"

using namespace attune::exports;
using attune::export_test::read_csv;

TEST_CASE("csv: fields that need quotes are quoted, quotes doubled, records end in CRLF") {
  CsvWriter w(CsvProfile::Analysis);
  w.text("plain");
  w.text("a,b");
  w.text("say \"hi\"");
  w.text("two\nlines");
  w.text("");
  w.end_row();
  CHECK(w.out() == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
  CHECK(w.file_prefix().empty());
}

TEST_CASE("csv: numbers are the shortest text that reads back as the same double") {
  CHECK(number_text(0.1) == "0.1");
  CHECK(number_text(2.0 / 3.0) == "0.6666666666666666");
  CHECK(std::stod(number_text(2.0 / 3.0)) == 2.0 / 3.0);
  CHECK(number_text(60) == "60");
  CHECK(number_text(-0.0) == "0");
  CHECK(number_text(-0.25) == "-0.25");
  CHECK(number_text(1e-7) == "1e-07");
  CHECK(number_text(std::nan("")) == "");
  CsvWriter w(CsvProfile::Analysis);
  w.number(std::nullopt);  // not computable: empty
  w.number(1.5);
  w.integer(42);
  w.end_row();
  CHECK(w.out() == ",1.5,42\r\n");
}

TEST_CASE("csv: plain numbers are recognised, formulas are not") {
  for (const char* yes : {"0", "-12", "+3", "3.25", "-0.5", ".5", "1e-07", "2E+3"}) CHECK_MESSAGE(is_plain_number(yes), std::string(yes));
  for (const char* no : {"", "-", "1+1", "-1+2", "=1", "1e", "1.2.3", "- 1", "@SUM(A1)", "0x10"})
    CHECK_MESSAGE(!is_plain_number(no), std::string(no));
}

TEST_CASE("csv: the spreadsheet profile neutralises formula-like text cells with a single quote") {
  CHECK(neutralise("=SUM(A1:A9)") == "'=SUM(A1:A9)");
  CHECK(neutralise("+1") == "+1");  // a number is a value, not a formula
  CHECK(neutralise("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
  CHECK(neutralise("-1+2") == "'-1+2");
  CHECK(neutralise("-0.25") == "-0.25");
  CHECK(neutralise("@SUM(1)") == "'@SUM(1)");
  CHECK(neutralise("\tx") == "'\tx");
  CHECK(neutralise("\rx") == "'\rx");
  CHECK(neutralise("\nx") == "'\nx");
  CHECK(neutralise("plain = text") == "plain = text");
  CHECK(neutralise("") == "");

  CsvWriter analysis(CsvProfile::Analysis), spreadsheet(CsvProfile::Spreadsheet);
  for (CsvWriter* w : {&analysis, &spreadsheet}) {
    w->text("=HYPERLINK(\"http://x\",\"y\")");
    w->number(-0.5);
    w->end_row();
  }
  CHECK(analysis.out() == "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.5\r\n");
  CHECK(spreadsheet.out() == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.5\r\n");
  CHECK(spreadsheet.file_prefix() == "\xEF\xBB\xBF");
}

TEST_CASE("csv: what the analysis profile writes reads back to the very same values") {
  const std::vector<std::vector<std::string>> rows = {
      {"session", "comment", "value"},
      {"1", "needs, \"quotes\"\nand a newline", "0.1"},
      {"2", "ünïcödé ✓ — 子供", ""},
      {"3", "=1+1", "-3"},
      {"4", "\r\nleading CRLF", " spaces "},
      {"5", "\"", ","}};
  CsvWriter w(CsvProfile::Analysis);
  for (const auto& row : rows) {
    for (const std::string& cell : row) w.text(cell);
    w.end_row();
  }
  const auto table = read_csv(w.out());
  REQUIRE_MESSAGE(table.ok, table.problem);
  CHECK(table.rows == rows);
}
