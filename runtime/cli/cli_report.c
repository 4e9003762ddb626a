#include "cli.h"
const char CLI_REPORT_HELP[] = "Usage: jny report FILE\n";
int cli_report(Cli *cli, int argc, char **argv) { (void)argc, (void)argv; return cli_usage_error(cli, "wip"); }
