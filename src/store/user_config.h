#pragma once
// Who is acting: the name a user gives once (in the window), kept in their own config file
// ($XDG_CONFIG_HOME/attune/user.json, else ~/.config/attune/user.json; 0600, replaced
// atomically) and written into the audit trail as the actor of every change they make.
#include <string>

namespace attune {

// The user's home folder: $HOME, else the account's home from the password database, else ".".
// The one place it is looked up (data folder, config files, the window's file choosers).
std::string home_folder();

// A file of the user's own Attune config folder: $XDG_CONFIG_HOME/attune/NAME (an absolute
// XDG value only), else ~/.config/attune/NAME.
std::string user_config_file(const std::string& name);
// Replaces `path` with `text`: the folder made 0700, a 0600 temporary file beside it synced
// and renamed over the old one, so a crash leaves the old file or the new one, never half.
// Error(Storage) naming the file when it cannot be written.
void write_user_config_file(const std::string& path, const std::string& text);

std::string user_config_path();  // user_config_file("user.json")
// The saved name, or "" when none is saved (or the file cannot be read).
std::string saved_user_name();
// Saves `name` (trimmed); Error(InvalidInput) for a blank name, Error(Storage) when the file
// cannot be written. The old file stays whole until the new one is complete.
void save_user_name(const std::string& name);

}  // namespace attune
