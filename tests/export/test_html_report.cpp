// HTML report: one self-contained file that needs no network, checked in headless Chromium
// (it loads, the key figures are on the page) with a screenshot kept under the build folder.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "../cli/process.h"
#include "chromium.h"
#include "core/version.h"
#include "export/html_report.h"
#include "export/html_text.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;
using attune::test::read_file;
using attune::test::run_process;
using attune::test::TempDir;
using attune::test::write_file;

using attune::test::output_folder;
namespace {

std::string write_report(const std::vector<ExportSession>& sessions, bool deidentified = false) {
  ExportOptions options;
  options.what = What::Report;
  options.format = Format::Html;
  options.deidentify = deidentified;
  options.generated_utc = "2025-02-03T04:05:06Z";
  std::string out;
  auto writer = make_html_writer(options, [&](std::string_view b) { out += b; });
  writer->begin({sessions.front().scheme});
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return out;
}

ExportSession report_session() {
  ExportSession s = tiny_session();
  s.events[3].comment = "<script>alert('x')</script> & co";  // reflect at 6 s
  return s;
}

}  // namespace

TEST_CASE("html report: self-contained, no script, nothing fetched, text escaped") {
  const std::string html = write_report({report_session()});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co") != std::string::npos);
  for (const char* fetch : {"<link", "<img", "<iframe", "src=", "href=", "@import", "https://"})
    CHECK_MESSAGE(html.find(fetch) == std::string::npos, std::string(fetch));
  // The only URL is the SVG namespace name (never fetched); url() only points inside the page.
  std::size_t at = 0;
  while ((at = html.find("http://", at)) != std::string::npos) {
    CHECK(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
    ++at;
  }
  at = 0;
  while ((at = html.find("url(", at)) != std::string::npos) {
    CHECK(html.compare(at, 5, "url(#") == 0);
    ++at;
  }
  // It names its scheme, software version and parameters.
  CHECK(html.find("tiny-export version 2") != std::string::npos);
  CHECK(html.find(std::string("Attune ") + attune::version()) != std::string::npos);
  CHECK(html.find("bid_resp.window_s") != std::string::npos);
}

TEST_CASE("html report: loads in headless Chromium with the key figures on the page, screenshot kept") {
  if (!attune::test::chromium_installed()) {
    MESSAGE("Chromium is not installed (apt-get install chromium): the browser check is skipped");
    return;
  }
  TempDir dir;
  const std::string page = dir.file("report.html");
  ExportSession second = tiny_session();
  second.info.id = 8;
  second.recording.dyad = "D-8";
  const std::string html = write_report({report_session(), second});
  write_file(page, html);
  const std::filesystem::path out = output_folder();
  write_file((out / "report.html").string(), html);

  const std::string text = attune::test::chromium_dom(page);
  for (const char* figure : {"Session 7 · dyad D-7", "Session 8 · dyad D-8", "50.0 %",
                             "1 of 2 bids answered within 2 s", "60.0 s (recording duration), codable 55.0 s",
                             "11 (1 still running at the end", "45.5", "12.50", "bid_resp.window_s", "Still face", "Positive",
                             "2 sessions"})
    CHECK_MESSAGE(text.find(figure) != std::string::npos, std::string(figure));
  CHECK(text.find("<svg class=\"timeline\"") != std::string::npos);
  CHECK(text.find("<script") == std::string::npos);  // the comment stayed text

  const std::string png = attune::test::chromium_screenshot(page, "report.png", 1600);
  MESSAGE("report screenshot: " << png);
}

TEST_CASE("clock text on the report rounds to the nearest tenth or second, never cuts") {
  CHECK(clock_text(65.24, true) == "1:05.2");
  CHECK(clock_text(65.25001, true) == "1:05.3");
  CHECK(clock_text(59.96, true) == "1:00.0");   // was 0:60.0
  CHECK(clock_text(59.9999999, false) == "1:00");  // was 0:59 (cut)
  CHECK(clock_text(125.0, false) == "2:05");
  CHECK(clock_text(-3.5, true) == "-0:03.5");
}
