#pragma once
// The style sheet the HTML reports share (inline in each page: no file is fetched).
namespace attune::exports {

// Page, header and footer, sections, tables, cards, timelines, notes and badges.
const char* report_css();

}  // namespace attune::exports
