// attune-cli scheme validate | import | list
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "scheme/scheme_loader.h"

namespace attune::cli {

namespace {

// Reads the file once, so what is validated is exactly what is stored.
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::InvalidInput, "cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
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
      std::cerr << p.to_string() << '\n';
      problems.push_back(as_json(p));
    }
    for (const SchemeProblem& p : result.warnings) {
      std::cerr << "warning: " << p.to_string() << '\n';
      warnings.push_back(as_json(p));
    }
    if (!result.ok()) ++failed;
    else if (!context.json)
      std::cout << file << ": ok (" << result.scheme->name << " v" << result.scheme->version << ", "
                << result.scheme->codes.size() << " codes)\n";
    report.push_back({{"file", file}, {"ok", result.ok()}, {"problems", problems}, {"warnings", warnings}});
  }
  if (context.json) print_json(std::cout, report);
  if (failed) {
    std::cerr << "error: " << failed << " of " << files.size() << " scheme file" << (files.size() == 1 ? "" : "s")
              << " failed validation\n";
    throw ExitWith{2};
  }
}

void import(const std::string& file, const Context& context) {
  const std::string text = read_file(file);
  SchemeLoadResult result = load_scheme_text(text, file);
  for (const SchemeProblem& problem : result.problems) std::cerr << problem.to_string() << '\n';
  for (const SchemeProblem& warning : result.warnings) std::cerr << "warning: " << warning.to_string() << '\n';
  const std::optional<Scheme>& scheme = result.scheme;
  if (!result.ok()) {
    std::cerr << "error: " << file << " was not imported: fix the problems above\n";
    throw ExitWith{2};
  }
  auto store = context.open_store();
  const std::int64_t id = store->import_scheme(scheme->name, scheme->version, scheme->description, text);
  if (context.json)
    print_json(std::cout, {{"id", id}, {"name", scheme->name}, {"version", scheme->version}});
  else
    std::cout << "imported " << scheme->name << "@" << scheme->version << " as scheme " << id << '\n';
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
}

}  // namespace attune::cli
