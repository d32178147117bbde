// attune-cli scheme validate | import | list | export
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "export/atomic_file.h"
#include "export/scheme_file.h"
#include "scheme/scheme_loader.h"

namespace attune::cli {

namespace {

// "FILE: ... and N more problems" after the first ones shown.
void print_more(const std::string& file, std::size_t more) {
  if (more > 0)
    std::cerr << printable(file) << ": ... and " << more << " more problem" << (more == 1 ? "" : "s")
              << " (fix the ones above first)\n";
}

void validate(const std::vector<std::string>& files, const Context& context) {
  int failed = 0;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& file : files) {
    SchemeLoadResult result = load_scheme_file(file);
    nlohmann::json problems = nlohmann::json::array(), warnings = nlohmann::json::array();
    auto as_json = [](const SchemeProblem& p) {
      return nlohmann::json{{"file", p.file}, {"line", p.line}, {"column", p.col}, {"pointer", p.pointer},
                            {"message", p.message}};
    };
    for (const SchemeProblem& p : result.problems) {
      std::cerr << printable(p.to_string()) << '\n';
      problems.push_back(as_json(p));
    }
    for (const SchemeProblem& p : result.warnings) {
      std::cerr << "warning: " << printable(p.to_string()) << '\n';
      warnings.push_back(as_json(p));
    }
    print_more(file, result.more_problems);
    if (!result.ok()) ++failed;
    else if (!context.json)
      std::cout << printable(file) << ": ok (" << printable(result.scheme->name) << " v" << result.scheme->version << ", "
                << result.scheme->codes.size() << " codes)\n";
    report.push_back({{"file", file},
                      {"ok", result.ok()},
                      {"problems", std::move(problems)},
                      {"more_problems", result.more_problems},
                      {"warnings", std::move(warnings)}});
  }
  if (context.json) print_json(std::cout, report);
  if (failed) {
    std::cerr << "error: " << failed << " of " << files.size() << " scheme file" << (files.size() == 1 ? "" : "s")
              << " failed validation\n";
    throw ExitWith{2};
  }
}

void import(const std::string& file, const Context& context) {
  // Read once, so what is validated is exactly what is stored.
  SchemeFileText read = read_scheme_file(file);
  SchemeLoadResult result;
  if (read.problem) result.problems.push_back(std::move(*read.problem));
  else result = load_scheme_text(read.text, file);
  const std::string& text = read.text;
  for (const SchemeProblem& problem : result.problems) std::cerr << printable(problem.to_string()) << '\n';
  print_more(file, result.more_problems);
  for (const SchemeProblem& warning : result.warnings) std::cerr << "warning: " << printable(warning.to_string()) << '\n';
  const std::optional<Scheme>& scheme = result.scheme;
  if (!result.ok()) {
    std::cerr << "error: " << printable(file) << " was not imported: fix the problems above\n";
    throw ExitWith{2};
  }
  auto store = context.open_store();
  const std::int64_t id = store->import_scheme(text, file);  // the store checks it too
  if (context.json)
    print_json(std::cout, {{"id", id}, {"name", scheme->name}, {"version", scheme->version}});
  else
    std::cout << "imported " << printable(scheme->name) << "@" << scheme->version << " as scheme " << id << '\n';
}

void list(const Context& context) {
  auto store = context.open_for_reading();
  std::vector<SchemeRow> rows = store->schemes();
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const SchemeRow& r : rows)
      out.push_back({{"id", r.id}, {"name", r.name}, {"version", r.version}, {"description", r.description},
                     {"sha256", r.sha256}, {"imported_utc", r.imported_utc}});
    print_json(std::cout, out);
    return;
  }
  std::vector<std::vector<std::string>> table;
  for (const SchemeRow& r : rows)
    table.push_back({std::to_string(r.id), r.name, std::to_string(r.version), r.imported_utc, r.description});
  print_table(std::cout, {"id", "name", "version", "imported (UTC)", "description"}, table);
}

// The stored JSON of NAME (its latest version, or --version N), byte for byte: importing the
// file again finds the same name@version.
void export_scheme(const std::string& name, std::optional<int> version, const std::string& output,
                   const Context& context) {
  auto store = context.open_for_reading();
  const std::optional<SchemeRow> row = store->find_scheme(name, version);
  if (!row)
    throw Error(ErrorKind::NotFound, "scheme " + name + (version ? " version " + std::to_string(*version) : "") +
                                         " is not in the database (see 'attune-cli scheme list')");
  if (output == "-") {
    raw_out() << row->json << std::flush;  // the file's own bytes, not text for a person
    return;
  }
  exports::install_signal_cleanup();
  exports::write_scheme_file(*row, output);
  if (context.json)
    print_json(std::cout, {{"path", output}, {"id", row->id}, {"name", row->name}, {"version", row->version},
                           {"sha256", row->sha256}});
  else
    std::cout << "exported " << printable(row->name) << "@" << row->version << " to " << printable(output) << '\n';
}

}  // namespace

void add_scheme_commands(CLI::App& app, Context& context) {
  CLI::App* scheme = app.add_subcommand("scheme", "Validate, import and list coding schemes");
  scheme->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* validate_cmd = scheme->add_subcommand("validate", "Check scheme files; every problem as FILE:LINE:COL: /pointer: sentence");
  validate_cmd->add_option("files", *files, "Scheme JSON files")->required();
  validate_cmd->callback([files, &context] { validate(*files, context); });

  auto file = std::make_shared<std::string>();
  CLI::App* import_cmd = scheme->add_subcommand("import", "Validate a scheme file and store it in the database");
  import_cmd->add_option("file", *file, "Scheme JSON file")->required();
  import_cmd->callback([file, &context] { import(*file, context); });

  scheme->add_subcommand("list", "List the schemes in the database")->callback([&context] { list(context); });

  struct ExportArgs {
    std::string name, output;
    std::optional<int> version;
  };
  auto e = std::make_shared<ExportArgs>();
  CLI::App* export_cmd =
      scheme->add_subcommand("export", "Write a stored scheme back to its JSON file, byte for byte as stored");
  export_cmd->add_option("name", e->name, "Scheme name (as 'scheme list' shows it)")->required();
  export_cmd->add_option("--version", e->version, "Scheme version (default: the latest)")->check(CLI::PositiveNumber);
  export_cmd->add_option("-o,--output", e->output, "Output file (written whole, then renamed); - for stdout")->required();
  export_cmd->callback([e, &context] { export_scheme(e->name, e->version, e->output, context); });
}

}  // namespace attune::cli
