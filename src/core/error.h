#pragma once
// The one documented error type of the core libraries. Expected failures (bad input,
// missing rows, conflicts with the store) are thrown as attune::Error; the CLI and the
// app turn them into one line and an exit code or a modal.
#include <stdexcept>
#include <string>

namespace attune {

enum class ErrorKind {
  InvalidInput,  // the user's input is malformed or contradicts the scheme (CLI exit 2)
  NotFound,      // a referenced session, event, scheme … does not exist (CLI exit 1)
  Conflict,      // the change contradicts the data (overlap, locked session …) (CLI exit 1)
  Storage,       // the database cannot be opened, is not ours, is corrupt or busy (CLI exit 1)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace attune
