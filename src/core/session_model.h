#pragma once
// The in-memory events of one session, sorted by (start, id), with the scheme they are
// coded against. Views and analysis read it through const&; it changes only by apply()
// after a change is durable, and by replace_events() when the journal finds that another
// writer changed the stored session.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/change.h"
#include "core/event.h"
#include "core/frame_index.h"
#include "core/scheme.h"

namespace attune {

class SessionModel {
 public:
  SessionModel(std::shared_ptr<const Scheme> scheme, std::vector<Event> events = {}, FrameRate fps = {});
  SessionModel(std::shared_ptr<const Scheme> scheme, std::vector<Event> events, FrameIndex frames);

  const Scheme& scheme() const { return *scheme_; }
  std::shared_ptr<const Scheme> scheme_ptr() const { return scheme_; }
  // The video's frames (its index from the file, else its constant rate; invalid without
  // video): what commands stamp and re-stamp event frames with.
  const FrameIndex& frames() const { return frames_; }
  FrameRate fps() const { return frames_.rate(); }
  // The video's index became known (read off the UI thread after the session opened).
  // Stored events keep their frames; changes from now on are stamped through `frames`.
  void set_frames(FrameIndex frames) { frames_ = std::move(frames); }
  // The recording's length when known: commands refuse times past it.
  std::optional<Micros> duration() const { return duration_; }
  void set_duration(std::optional<Micros> duration) { duration_ = duration; }

  // Sorted by (start, id).
  std::span<const Event> events() const { return events_; }
  std::size_t size() const { return events_.size(); }
  const Event* find(EventId id) const;

  // Index of the first event with start >= t (binary search: views use it per frame).
  std::size_t lower_bound(Micros t) const;

  // The open state of `code` for `subject`, if one is running.
  const Event* open_state(const std::string& code, const std::string& subject) const;
  // Open states of any member of `group` for `subject`.
  std::vector<const Event*> open_states_in_group(const std::string& group, const std::string& subject) const;
  std::vector<const Event*> open_states() const;

  // Applies a change whose inserted events already carry their ids. Throws
  // Error(Conflict) when an op does not match the model (unknown id, duplicate id).
  void apply(const ChangeSet& change);

  // Replaces every event with `events` as stored (another writer changed the session): the
  // version moves and changes_since() no longer patches across it, so views rebuild. Throws
  // Error(Conflict) for duplicate ids and leaves the model as it was.
  void replace_events(std::vector<Event> events);

  // Increases with every applied change: views cache until it moves.
  std::uint64_t version() const { return version_; }

  // The changes applied since `version`, oldest first, so a view's index can be patched in
  // O(size of the change) instead of rebuilt; nullopt when they are no longer kept (only
  // the last kKeptChanges are) or `version` is not one of this model's.
  static constexpr std::size_t kKeptChanges = 16;
  // Unique per model object in this process: a cache keyed by a model's address could
  // otherwise mistake a new model built at the same address for the old one.
  std::uint64_t instance() const { return instance_; }
  std::optional<std::vector<const ChangeSet*>> changes_since(std::uint64_t version) const;

 private:
  std::size_t index_of(EventId id) const;  // events_.size() when absent
  void insert_sorted(Event e);
  void update_in_place(std::size_t i, Event e);

  std::shared_ptr<const Scheme> scheme_;
  FrameIndex frames_;
  std::optional<Micros> duration_;
  std::vector<Event> events_;
  std::unordered_map<EventId, Micros> start_by_id_;
  std::vector<EventId> open_ids_;  // open states are few; kept separately so lookups stay cheap
  std::uint64_t version_ = 0;
  std::uint64_t instance_;
  std::deque<ChangeSet> recent_;  // recent_.back() took the model to version_
};

}  // namespace attune
