#pragma once
// File → Export…: the same choices as `attune-cli export` (what, format, layout, profile,
// de-identification, parameter overrides, a lag-1 table) for this session, the codings of
// its recording or every session, written off the UI thread (ExportJob) with a progress bar.
// De-identification starts switched on: most exports leave the clinic, and identity is
// rarely needed in them.
#include <memory>
#include <string>
#include <vector>

#include "app/logic/export_job.h"
#include "app/logic/workspace.h"

namespace attune {

class ExportDialog {
 public:
  enum class Scope { ThisSession, Recording, All };
  struct Choices {
    Scope scope = Scope::ThisSession;
    exports::What what = exports::What::Summary;
    exports::Format format = exports::Format::Csv;
    exports::Layout layout = exports::Layout::Long;
    exports::CsvProfile profile = exports::CsvProfile::Analysis;
    bool deidentify = true;
    std::string sequential_group;  // "" for none
    bool collapse_repeats = false;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, seconds as text
    std::string folder;
    std::string file_name;  // "" until chosen: the default name follows the choices
    bool operator==(const Choices&) const = default;
  };

  void open(Workspace& ws);
  bool is_open() const { return open_; }
  // An export runs or its outcome has not been shown yet: the window keeps drawing.
  bool busy() const { return job_->running() || job_->has_outcome(); }
  // The running export, for the window to keep when this dialog goes (leaving the session
  // must not wait for the file); null when none runs.
  std::shared_ptr<ExportJob> running_job() const { return job_->running() ? job_ : nullptr; }
  void draw(Workspace& ws);

  // What the buttons do (tests drive these directly).
  Choices& choices() { return choices_; }
  std::string output_path() const;
  // Checks the choices and starts the export; false with message() when they are refused.
  bool start(Workspace& ws);
  ExportJob& job() { return *job_; }
  const std::string& message() const { return message_; }
  bool message_is_error() const { return error_; }

 private:
  std::vector<SessionId> sessions(Workspace& ws) const;
  // Throws Error(InvalidInput) for a parameter that is not a number of seconds.
  exports::ExportOptions options(const Scheme& scheme) const;
  void draw_choices(Workspace& ws);
  void poll();
  // Shows a message about the current choices; returns !error.
  bool say(std::string message, bool error);

  bool open_ = false;
  Choices choices_;
  std::vector<std::string> groups_;  // the scheme's code groups, for the lag-1 choice
  std::shared_ptr<ExportJob> job_ = std::make_shared<ExportJob>();
  std::string message_;
  bool error_ = false;
  // The choices' height when last drawn: the dialog shows them in a region that fits the
  // screen, so the Export button and its message below are always in view.
  float choices_height_ = 0;
  Choices message_choices_;  // the choices message_ is about
};

}  // namespace attune
