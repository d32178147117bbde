#pragma once
// De-identification of an export (--deidentify). What leaves the machine:
//   - dyad and coder as export pseudonyms ("dyad-3", "coder-2"): numbered in order of first
//     appearance in the database's sessions, so the same database always gives the same
//     pseudonyms and the link back to the local names stays in the local database;
//   - dates reduced to the year;
//   - child age in months (kept: it is what the analyses need and it is never a birth date);
//   - no free text: event comments dropped, the session type kept only when it is a known
//     kind of session (free play, still-face …), otherwise "withheld"; modifier values kept
//     only when the scheme lists them (or, for a number modifier, when they are a number);
//   - no video path, size or hash (a hash identifies the video file).
// Codes, subjects, times, scheme name and version, parameters and figures stay as they are.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "export/session_data.h"

namespace attune::exports {

struct Pseudonyms {
  std::map<std::string, std::string> dyads;   // dyad -> "dyad-N"
  std::map<std::string, std::string> coders;  // coder -> "coder-N"
};

// `dyad_and_coder`: one (dyad, coder) pair per session of the database, by session id.
Pseudonyms make_pseudonyms(const std::vector<std::pair<std::string, std::string>>& dyad_and_coder);

// "2024-03-05T10:11:12Z" -> "2024"; "" when the text does not start with a year.
std::string year_of(const std::string& utc);

// The session type when it is a known kind of session or names one of the scheme's
// episode codes (compared without case, spaces, '-' or '_'), else "withheld"; "" stays "".
std::string safe_session_type(const std::string& type, const Scheme& scheme);

// Rewrites the session in place as described above and marks it de-identified.
void deidentify(ExportSession& session, const Pseudonyms& pseudonyms);

}  // namespace attune::exports
