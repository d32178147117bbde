#include "export/writer.h"

#include "core/error.h"
#include "export/events_csv.h"
#include "export/html_report.h"
#include "export/json_export.h"
#include "export/sdis.h"
#include "export/summary_csv.h"

namespace attune::exports {

const char* to_string(What what) {
  switch (what) {
    case What::Events: return "events";
    case What::Summary: return "summary";
    case What::Report: return "report";
  }
  return "?";
}

const char* to_string(Format format) {
  switch (format) {
    case Format::Csv: return "csv";
    case Format::Json: return "json";
    case Format::Sdis: return "sdis";
    case Format::Html: return "html";
  }
  return "?";
}

const char* to_string(Layout layout) { return layout == Layout::Wide ? "wide" : "long"; }

std::optional<What> parse_what(std::string_view t) {
  if (t == "events") return What::Events;
  if (t == "summary") return What::Summary;
  if (t == "report") return What::Report;
  return std::nullopt;
}

std::optional<Format> parse_format(std::string_view t) {
  if (t == "csv") return Format::Csv;
  if (t == "json") return Format::Json;
  if (t == "sdis") return Format::Sdis;
  if (t == "html") return Format::Html;
  return std::nullopt;
}

std::optional<Layout> parse_layout(std::string_view t) {
  if (t == "long") return Layout::Long;
  if (t == "wide") return Layout::Wide;
  return std::nullopt;
}

std::optional<CsvProfile> parse_profile(std::string_view t) {
  if (t == "analysis") return CsvProfile::Analysis;
  if (t == "spreadsheet") return CsvProfile::Spreadsheet;
  return std::nullopt;
}

void check_options(const ExportOptions& o) {
  auto refuse = [&](const std::string& why) {
    throw Error(ErrorKind::InvalidInput, std::string("--what ") + to_string(o.what) + " --format " +
                                             to_string(o.format) + ": " + why);
  };
  switch (o.what) {
    case What::Events:
      if (o.format == Format::Html) refuse("events come as csv, json or sdis; the html report is --what report");
      break;
    case What::Summary:
      if (o.format == Format::Sdis) refuse("SDIS holds timed events, not summaries; use --what events --format sdis");
      if (o.format == Format::Html) refuse("the html report is --what report --format html");
      break;
    case What::Report:
      if (o.format == Format::Csv || o.format == Format::Sdis)
        refuse("the report comes as html (for people) or json (events and summary together)");
      break;
  }
  if (o.layout_given && !(o.what == What::Summary && o.format == Format::Csv))
    throw Error(ErrorKind::InvalidInput, "--layout applies only to --what summary --format csv");
  if (o.profile_given && o.format != Format::Csv)
    throw Error(ErrorKind::InvalidInput, "--profile applies only to --format csv");
  if (o.what == What::Events && (!o.summary.sequential_groups.empty() || o.summary.collapse_repeats))
    throw Error(ErrorKind::InvalidInput, "--sequential and --collapse-repeats add lag-1 tables to a summary; use "
                                         "--what summary or --what report");
  if (o.summary.collapse_repeats && o.summary.sequential_groups.empty())
    throw Error(ErrorKind::InvalidInput, "--collapse-repeats applies to the tables of --sequential GROUP");
}

bool needs_summary(const ExportOptions& o) { return o.what != What::Events; }

std::unique_ptr<SessionWriter> make_writer(const ExportOptions& o, Sink sink) {
  check_options(o);
  switch (o.format) {
    case Format::Csv:
      if (o.what == What::Events) return make_events_csv_writer(o, std::move(sink));
      return o.layout == Layout::Wide ? make_summary_wide_writer(o, std::move(sink))
                                      : make_summary_long_writer(o, std::move(sink));
    case Format::Json:
      return make_json_writer(o, std::move(sink));
    case Format::Sdis:
      return make_sdis_writer(o, std::move(sink));
    case Format::Html:
      return make_html_writer(o, std::move(sink));
  }
  throw Error(ErrorKind::InvalidInput, "unknown export format");
}

}  // namespace attune::exports
