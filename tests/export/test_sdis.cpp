// SDIS timed data: the exact text for the fixture session.
#include <doctest/doctest.h>

#include "core/version.h"
#include "export/sdis.h"
#include "export_fixture.h"

using namespace attune;
using namespace attune::exports;
using namespace attune::export_test;

namespace {
std::string write_sdis(const ExportOptions& options, const std::vector<ExportSession>& sessions) {
  std::string out;
  auto writer = make_sdis_writer(options, [&](std::string_view b) { out += b; });
  std::vector<std::shared_ptr<const Scheme>> schemes;
  for (const auto& s : sessions) if (schemes.empty() || schemes.back() != s.scheme) schemes.push_back(s.scheme);
  writer->begin(schemes);
  for (const auto& s : sessions) writer->add(s);
  writer->finish();
  return out;
}
}  // namespace

TEST_CASE("sdis: exact text of a tiny session") {
  ExportOptions options;
  options.what = What::Events;
  options.format = Format::Sdis;
  const std::string expected =
      std::string("% SDIS timed-event data for GSEQ, written by Attune ") + attune::version() + "\n" +
      "% scheme: tiny-export version 2\n"
      "% parameters: none (timed events only; the summary exports list theirs)\n"
      "% times in seconds from the session start; offsets exclusive; a point event is code,onset\n"
      "Timed play still uncodable pos neg bid reflect parent_look child_look ;\n"
      "\n"
      "% session 7: dyad D-7, coder ann, scheme tiny-export version 2, 11 events\n"
      "% 1 state still running at the end of the coding ends at 60\n"
      "<session 7 D-7>\n"
      ",0 play,0-30 pos,0-10 bid,5 reflect,6 neg,10-20 parent_look,12 child_look,13 still,30-60 bid,35\n"
      "pos,40-60 uncodable,50-55 ,60/\n";
  CHECK(write_sdis(options, {tiny_session(false)}) == expected);
}

TEST_CASE("sdis: event counts match the session, and every session ends with '/'") {
  ExportOptions options;
  options.what = What::Events;
  options.format = Format::Sdis;
  ExportSession a = tiny_session(false), b = tiny_session(false);
  b.info.id = 8;
  b.recording.duration.reset();  // the session then ends at its latest event time (still ends at 60)
  const std::string text = write_sdis(options, {a, b});
  std::size_t slashes = 0, entries = 0;
  bool in_comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') in_comment = true;
    if (text[i] == '\n') in_comment = false;
    if (in_comment) continue;
    if (text[i] == '/') ++slashes;
    if (text[i] == ',' && i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n') ++entries;  // code,onset
  }
  CHECK(slashes == 2);
  CHECK(entries == 22);
  CHECK(text.find("<session 8 D-7>") != std::string::npos);
  CHECK(text.find("pos,40-60 uncodable,50-55 ,60/\n\n% session 8") != std::string::npos);
}

TEST_CASE("sdis: code names are made safe for SDIS") {
  auto scheme = std::make_shared<Scheme>(*tiny_scheme());
  scheme->codes[5].id = "bid-2";  // '-' separates onset and offset in SDIS
  CHECK(sdis_code(*scheme, "bid-2", "child") == "bid_2");
  CHECK(sdis_code(*scheme, "look", "parent") == "parent_look");
  CHECK(sdis_code(*scheme, "9lives", "") == "c9lives");
}
