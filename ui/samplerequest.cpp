#include "ui/samplerequest.h"

#include "core/variables.h"

namespace ferry {

Request sampleRequest()
{
    Request request;
    request.method = QStringLiteral("GET");
    // Through the variable, not a fixed port: the echo server's port changes between runs.
    request.url = QStringLiteral("{{%1}}/get?hello=ferry").arg(kEchoVariable);
    request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    request.auth = {AuthKind::Bearer, QStringLiteral("ferry-sample-token")};
    return request;
}

} // namespace ferry
