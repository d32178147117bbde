#pragma once
// One failure boundary per user action in the window. Every action a person starts (open or
// create a session, code, undo, delete, export, comment, approve, relink the video, save a
// setting …) runs through run_action: whatever it throws — attune::Error (a refusal, a
// database locked past its busy timeout, a stored scheme that no longer loads) or any other
// std::exception — ends that action alone, with one line where the user looks, and the
// window goes on. No ImGui here: the views pass where their message goes.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace attune {

struct ActionFailure {
  std::optional<ErrorKind> kind;  // nullopt: not an attune::Error (a bug, out of memory, a library's own)
  std::string what;               // the error's own line
  // A refusal by a rule the user can act on (bad input, a missing row, a conflict): its
  // sentence says it all. Otherwise (storage, the unexpected) the message also names the action.
  bool refusal() const { return kind && *kind != ErrorKind::Storage; }
  // "Open session 7: <what>" (refusals and an empty name: <what> alone).
  std::string message(std::string_view action) const;
};

// Runs `action`; nullopt when it finished, else what stopped it. Failures that are not
// refusals are also logged to stderr as "attune: <message>", for whoever supports the machine.
std::optional<ActionFailure> try_action(std::string_view name, const std::function<void()>& action);

// try_action, and the failure's message(name) to `report`. True when the action finished.
bool run_action(std::string_view name, const std::function<void()>& action,
                const std::function<void(const std::string&)>& report);

}  // namespace attune
