#pragma once

#include "core/request.h"
#include "core/result.h"

#include <QList>
#include <QString>

namespace ferry::codegen {

// What a code target is, for pickers, `ferry-cli snippet --list-targets` and file names.
struct TargetInfo {
    QString id;        // stable, used on the command line: "curl", "js-fetch", ...
    QString label;     // shown in the picker: "cURL (bash)"
    QString language;  // for highlighting: "bash", "javascript", "python", ...
    QString extension; // for Save as: "sh", "js", "py", ...
};

struct SnippetOptions {
    int indent = 2;
};

// Turns a request into code in one language. One subclass per target, one file each.
class Generator {
public:
    virtual ~Generator() = default;
    virtual TargetInfo info() const = 0;
    // The request must already have its variables resolved.
    virtual QString generate(const Request &request, const SnippetOptions &options) const = 0;
};

// Every target, in the order the picker shows them.
QList<TargetInfo> targets();

// The generator for a target id, or nullptr.
const Generator *generatorFor(QStringView id);

// The snippet for target id, or an error naming the unknown target.
Result<QString> generateSnippet(QStringView id, const Request &request,
                                const SnippetOptions &options = {});

} // namespace ferry::codegen
