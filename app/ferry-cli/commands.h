#pragma once

#include <QStringList>

// The subcommands of ferry-cli. Each takes the arguments after its name (argv[0] first, as
// QCommandLineParser expects) and returns the process exit code.
namespace ferry::cli {

// Exit codes, also listed in `ferry-cli --help`.
enum ExitCode {
    ExitOk = 0,             // done; for send: an HTTP response arrived (whatever its status)
    ExitInvalidJson = 1,    // format: the input is not valid JSON
    ExitUsage = 2,          // unknown command or option, missing argument, unreadable file
    ExitInvalidRequest = 3, // the request was refused before sending (bad URL, header, ...)
    ExitNetwork = 4,        // connection refused, host not found or another transport failure
    ExitTls = 5,            // the TLS handshake or certificate check failed
    ExitTimeout = 6,        // no complete answer before the deadline
};

int runSend(const QStringList &arguments);
int runSnippet(const QStringList &arguments);
int runFormat(const QStringList &arguments);

} // namespace ferry::cli
