#pragma once
// The open coding session behind the window: the store, the session's model and History,
// and the media clock. Views read it through const accessors and change it only through
// its intents, each of which is durable (committed) before it returns. No ImGui here.
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/history.h"
#include "media/clock.h"
#include "store/session_loader.h"
#include "store/store.h"

namespace attune {

class Workspace {
 public:
  Workspace(std::unique_ptr<Store> store, SessionId session, std::unique_ptr<MediaClock> clock);

  const SessionModel& model() const { return *session_.model; }
  const Scheme& scheme() const { return *session_.scheme; }
  const SessionInfo& info() const { return session_.info; }
  const Recording& recording() const { return session_.recording; }
  const std::string& db_path() const { return store_->path(); }
  const std::string& actor() const { return store_->actor(); }
  MediaClock& clock() { return *clock_; }
  const MediaClock& clock() const { return *clock_; }
  const History& history() const { return *session_.history; }

  // Intents. A refused change (scheme violation, overlap, locked session, storage error)
  // leaves everything as it was and sets last_error() for the status bar.
  //
  // Undo steps are the steps a person thinks in: a change that continues the previous one
  // on the same event joins its undo step (History::apply's merge) — coding an event and
  // answering its modifier prompt; nudges of one event less than kMergeSeconds apart. Any
  // other change, another event, a selection changed by hand, undo or redo starts a new step.
  // Undo and redo select the step's event and seek to it, so the views show what changed.
  enum class StepKind { Other, Code, Modifiers, Nudge };
  static constexpr double kMergeSeconds = 5.0;
  std::optional<ChangeSet> apply(const Command& command, StepKind kind = StepKind::Other);
  bool undo();
  bool redo();
  // Another process (a second window, attune-cli) may change the session: sync_with_store()
  // reloads the model when the stored session changed (SQLite's data_version, through the
  // store: cheap when nothing changed) and keeps the selection while its event exists;
  // poll_store() does so at most kStorePollSeconds apart (call it every UI frame). Both
  // return true when the model was reloaded. Commands never need it to be right: they are
  // planned against the stored session inside the store's transaction.
  static constexpr double kStorePollSeconds = 0.25;
  bool sync_with_store();
  bool poll_store();
  // Every intent is one action with its own failure boundary (app/action.h): whatever stops
  // it leaves the window as it was and its one line in last_error(), for the status bar.
  const std::string& last_error() const { return last_error_; }
  // The work that failed for a reason other than a rule (the database locked past its busy
  // timeout, a full disk, a bug), oldest first, each naming what was not recorded ("Bid at
  // 00:01:02.300: database is locked …"): kept until dismissed, so a later key's success
  // does not hide it. At most kUnrecordedKept lines (the oldest go first).
  static constexpr std::size_t kUnrecordedKept = 100;
  const std::vector<std::string>& unrecorded() const { return unrecorded_; }
  void clear_error() {
    last_error_.clear();
    unrecorded_.clear();
  }
  void report(std::string message) { last_error_ = std::move(message); }
  // What a command would record, in the user's words ("Bid at 00:01:02.300"), for messages.
  std::string describe(const Command& command) const;

  // The event the list and the timeline show as selected.
  std::optional<EventId> selected;

  // The time to stamp a new event with: the frame on screen (video) or the stopwatch.
  Micros now() const { return clock_->position(); }
  std::optional<std::int64_t> now_frame() const { return clock_->frame(); }
  // Points the recording at another video file (the old one moved). A file whose content
  // differs from the recorded hash is refused unless `accept_different`: coded frames would
  // no longer match. Returns "" or one line saying why not. The caller reopens the media.
  std::string relink_video(const std::string& path, bool accept_different);

  // Moves an event (both ends of a state) by `frames` video frames (1/30 s without video),
  // onto frame starts, as one undo step "Nudge <code>".
  void nudge(EventId id, int frames);

  // Seeks so that the frame on screen is the event's coded frame.
  void seek_to_event(const Event& event);
  // The time that shows an event's coded frame: the start of its stored frame, except on
  // a variable-rate video, where the event's time decides (frames stored before the file's
  // index was used were counted at the average rate; the time is what was on screen).
  Micros event_time(const Event& event) const;
  // The start of the frame on screen at t (timeline edits land on frame starts); t without video.
  Micros snap_to_frame(Micros t) const;

  // The video's frame index. index_frames() runs `read` (e.g. frame_index_for: the cache, or
  // the file) on another thread and calls `wake` when it is done; poll_frame_index(), once
  // per UI frame, hands the result to the clock and the model and returns true then. Until
  // then frames are counted at the container's rate. A failed read leaves it so and says
  // why in frame_index_problem().
  void index_frames(std::function<FrameIndex()> read, std::function<void()> wake = nullptr);
  bool poll_frame_index();
  void set_frame_index(FrameIndex index);
  bool indexing_frames() const { return frame_job_.valid(); }
  const std::string& frame_index_problem() const { return frame_index_problem_; }

  // Review (intents like apply: false or nullopt leaves everything as it was and sets
  // last_error() to the store's message). info() follows each change.
  bool set_status(SessionStatus status);
  bool unlock(const std::string& reason);
  bool set_master(bool master);
  // A comment on the whole session, a moment or an event (not both).
  std::optional<std::int64_t> add_comment(const std::string& text, std::optional<Micros> at,
                                          std::optional<EventId> event);
  // A supervisor's correction of one of this session's comments: new text, or gone. Both
  // are audited by the store (comment.update / comment.delete, old and new values).
  bool edit_comment(std::int64_t id, const std::string& text);
  bool delete_comment(std::int64_t id);
  // The session's comments (cached: read at open and after each comment intent) and a counter that
  // changes with them, for views that derive markers from them.
  const std::vector<SessionComment>& comments() const { return comments_; }
  std::uint64_t comments_version() const { return comments_version_; }

  // The session's global ratings (read at open and after each change), and setting one
  // (nullopt clears it); refused like an event edit while the session is approved.
  const std::vector<SessionRating>& ratings() const { return ratings_; }
  // The database's supervisors and whether this user is one (everyone is while none is
  // named); read at open and after each review action.
  const std::vector<std::string>& supervisors() const { return supervisors_; }
  bool may_supervise() const { return may_supervise_; }
  bool set_rating(const std::string& scale, std::optional<int> value);

  // Reads from the store, for views that cache them (never call these per frame).
  std::vector<AuditRow> audit() const;
  VerifyReport verify();
  std::vector<SessionInfo> codings_of_recording() const;  // this one included
  std::vector<SessionInfo> all_sessions() const;
  std::vector<Event> events_of(SessionId session) const;
  // The scheme another coding was coded with (equal to scheme() for the same scheme id).
  std::shared_ptr<const Scheme> scheme_of(const SessionInfo& session) const;

  // Coding schemes, for File → Schemes… (read when it opens, never per frame). Saving an
  // edited scheme stores it as the next version of its name (store/scheme_versions.h): this
  // session and every other keep the version they use. Throws Error (invalid, storage).
  std::vector<SchemeRow> stored_schemes() const;
  int next_scheme_version(const std::string& name) const;
  SchemeRow save_scheme_version(const Scheme& scheme);

 private:
  std::unique_ptr<Store> store_;
  LoadedSession session_;
  std::unique_ptr<MediaClock> clock_;
  std::string last_error_;
  std::vector<std::string> unrecorded_;
  // The change the next one may join (apply's merge rule).
  struct LastStep {
    EventId event = 0;
    StepKind kind = StepKind::Other;
    std::chrono::steady_clock::time_point at{};
  };
  std::optional<LastStep> last_step_;
  bool continues(const Command& command, StepKind kind) const;
  void show_step(const std::optional<ChangeSet>& applied);
  // Runs one intent through run_action: last_error_ cleared on success, else set (and kept
  // in unrecorded_ unless a rule refused it).
  bool act(const std::string& name, const std::function<void()>& action);
  std::chrono::steady_clock::time_point last_store_poll_{};
  std::future<FrameIndex> frame_job_;
  std::string frame_index_problem_;
  std::vector<SessionComment> comments_;
  std::vector<SessionRating> ratings_;
  void refresh_supervision();  // at open and after review actions
  std::vector<std::string> supervisors_;
  bool may_supervise_ = true;
  std::uint64_t comments_version_ = 0;

  template <class F>
  bool review_action(const std::string& name, F&& action);
  bool comment_action(const std::string& name, std::int64_t id, const std::function<void()>& action);
};

}  // namespace attune
