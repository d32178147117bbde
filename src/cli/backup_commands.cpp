// attune-cli backup [-o FILE]: a consistent copy of the database (SQLite's online backup API),
//   also while a window is coding; default "<db folder>/backups/<db name>-YYYY-MM-DDTHHMMSSZ.db".
// attune-cli restore BACKUP: checks the backup (integrity, the audit trail's hash chain) and
//   puts it in place of --db, keeping the replaced database aside. docs/backups.md.
#include <ctime>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "store/backup.h"

namespace attune::cli {

namespace {

std::string default_backup_path(const std::string& db_path) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%SZ", &tm);
  return (std::filesystem::path(backup_folder(db_path)) /
          (std::filesystem::path(db_path).filename().string() + "-" + stamp + ".db"))
      .string();
}

void backup(const std::string& output, const Context& context) {
  auto store = context.open_for_reading();
  const std::string target = output.empty() ? default_backup_path(store->path()) : output;
  std::error_code ec;
  if (std::filesystem::equivalent(target, store->path(), ec))
    throw Error(ErrorKind::InvalidInput, "the backup cannot be the database itself");
  store->backup_to(target);
  if (context.json) print_json(std::cout, nlohmann::json{{"path", target}});
  else std::cout << "backed up " << store->path() << " to " << target << '\n';
}

void restore(const std::string& backup_path, const Context& context) {
  const std::string target = context.resolved_db_path();
  std::error_code ec;
  if (std::filesystem::equivalent(backup_path, target, ec))
    throw Error(ErrorKind::InvalidInput, "the backup and the database are the same file");
  const RestoreResult result = restore_database(backup_path, target);
  if (context.json) {
    print_json(std::cout, nlohmann::json{{"path", target}, {"kept_aside", result.kept_aside}, {"audit_rows", result.audit_rows}});
    return;
  }
  std::cout << "restored " << backup_path << " to " << target << " (integrity ok, audit trail ok: "
            << result.audit_rows << " rows)";
  if (!result.kept_aside.empty()) std::cout << "; the database it replaced is kept as " << result.kept_aside;
  std::cout << '\n';
}

}  // namespace

void add_backup_commands(CLI::App& app, Context& context) {
  auto output = std::make_shared<std::string>();
  CLI::App* b = app.add_subcommand("backup", "A consistent copy of the database, also while it is in use");
  b->add_option("-o,--output", *output, "Backup file (default: <db folder>/backups/<db name>-<UTC time>.db)");
  b->callback([output, &context] { backup(*output, context); });

  auto from = std::make_shared<std::string>();
  CLI::App* r = app.add_subcommand(
      "restore", "Check a backup and put it in place of the database (--db); the replaced one is kept aside");
  r->add_option("backup", *from, "The backup file")->required();
  r->callback([from, &context] { restore(*from, context); });
}

}  // namespace attune::cli
