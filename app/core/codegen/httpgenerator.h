#pragma once

#include "core/codegen/snippet.h"

namespace ferry::codegen {

// The HTTP/1.1 request message itself: request line, headers, blank line, body. Lines are
// shown with line feeds; on the wire each ends with CR LF.
class HttpGenerator final : public Generator {
public:
    TargetInfo info() const override;
    QString generate(const Request &request, const SnippetOptions &options) const override;
};

} // namespace ferry::codegen
