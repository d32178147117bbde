#pragma once
// Who is acting: the name a user gives once (in the window), kept in their own config file
// ($XDG_CONFIG_HOME/attune/user.json, else ~/.config/attune/user.json; 0600, replaced
// atomically) and written into the audit trail as the actor of every change they make.
#include <string>

namespace attune {

std::string user_config_path();
// The saved name, or "" when none is saved (or the file cannot be read).
std::string saved_user_name();
// Saves `name` (trimmed); Error(InvalidInput) for a blank name, Error(Storage) when the file
// cannot be written. The old file stays whole until the new one is complete.
void save_user_name(const std::string& name);

}  // namespace attune
