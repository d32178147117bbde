#pragma once
// The start screen's "New session" form: recording metadata, the scheme (those in the
// database and those shipped with Attune, which are added on first use), and the video file
// or, only when asked for, no video (live observation with a stopwatch). A file that is not a
// video is refused with one sentence; an error goes as soon as the field it names changes;
// after a session is made the recording's fields are empty again for the next one.
#include <optional>
#include <string>
#include <vector>

#include "app/common/file_browser.h"
#include "store/store.h"

namespace attune {

// A coding scheme compiled into Attune (samples/schemes/*.json).
struct ShippedScheme {
  std::string file;  // "samples/schemes/attachment-core.json"
  std::string name, summary;  // summary: the description's first sentence
  int version = 0;
};
// Parsed once (at the first call); the default scheme first.
const std::vector<ShippedScheme>& shipped_schemes();
// Imports a shipped scheme (the same name@version again returns the stored id).
std::int64_t add_shipped_scheme(Store& store, const ShippedScheme& scheme);

class SessionForm {
 public:
  // The schemes offered: the database's, then shipped ones it does not have yet.
  void refresh(const std::vector<SchemeRow>& stored);
  // Draws the form; returns the new session once created.
  std::optional<SessionId> draw(Store& store);

  // The fields and the button (tests drive these directly).
  std::string& dyad() { return dyad_; }
  std::string& session_type() { return type_; }
  std::string& coder() { return coder_; }
  std::string& video() { return video_; }
  bool& live() { return live_; }
  int& child_age_months() { return child_age_months_; }
  // The scheme choices as shown ("attachment-core@1", "pcit-dpics@1 (shipped)") and the chosen one.
  const std::vector<std::string>& scheme_labels() const { return labels_; }
  int& scheme_index() { return scheme_index_; }
  std::optional<SessionId> create(Store& store);
  const std::string& error() const { return error_; }

 private:
  struct Choice {
    std::optional<std::int64_t> stored_id;     // in the database
    std::optional<ShippedScheme> shipped;      // shipped, not imported yet
  };
  std::vector<Choice> choices_;
  std::vector<std::string> labels_;
  int scheme_index_ = 0;
  std::string dyad_, coder_, type_, video_;
  int child_age_months_ = 0;
  bool live_ = false;
  std::string error_;
  struct Inputs {
    std::string dyad, coder, type, video;
    int child_age_months = 0;
    bool live = false;
    int scheme_index = 0;
    bool operator==(const Inputs&) const = default;
  };
  Inputs inputs() const;
  Inputs error_inputs_;  // the fields error_ is about
  FileBrowser browser_;
};

}  // namespace attune
