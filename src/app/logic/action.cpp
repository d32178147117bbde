#include "app/logic/action.h"

#include <exception>
#include <iostream>
#include <new>

namespace attune {

std::string ActionFailure::message(std::string_view action) const {
  if (refusal() || action.empty()) return what;
  return std::string(action) + ": " + what;
}

std::optional<ActionFailure> try_action(std::string_view name, const std::function<void()>& action) {
  std::optional<ActionFailure> failure;
  try {
    action();
    return std::nullopt;
  } catch (const Error& e) {
    failure = ActionFailure{e.kind(), e.what()};
  } catch (const std::bad_alloc&) {
    failure = ActionFailure{std::nullopt, "out of memory"};
  } catch (const std::exception& e) {
    failure = ActionFailure{std::nullopt, e.what()};
  } catch (...) {
    failure = ActionFailure{std::nullopt, "an unexpected error"};
  }
  if (!failure->refusal()) std::cerr << "attune: " << failure->message(name.empty() ? "action" : name) << '\n';
  return failure;
}

bool run_action(std::string_view name, const std::function<void()>& action,
                const std::function<void(const std::string&)>& report) {
  const std::optional<ActionFailure> failure = try_action(name, action);
  if (failure && report) report(failure->message(name));
  return !failure;
}

}  // namespace attune
