#include "ui/requestcontroller.h"

#include "core/logging.h"
#include "core/variables.h"
#include "net/echoserver.h"

namespace ferry {

RequestController::RequestController(QObject *parent)
    : QObject(parent)
    , m_client(new HttpClient(this))
    , m_echo(new EchoServer(this))
{
    connect(m_client, &HttpClient::finished, this, &RequestController::handleFinished);
}

RequestController::~RequestController() = default;

bool RequestController::ensureEchoServer()
{
    if (m_echo->isListening())
        return true;

    if (!m_echo->ensureStarted()) {
        // Every edit retries; say it once, not once per keystroke.
        if (m_echoError != m_echo->errorString())
            qCWarning(lcUi) << "The echo server could not start:" << m_echo->errorString();
        m_echoError = m_echo->errorString();
        return false;
    }
    m_echoError.clear();
    emit echoServerStarted(m_echo->baseUrl());
    return true;
}

Request RequestController::resolve(const Request &request)
{
    Variables variables;
    if (requestReferences(request, kEchoVariable) && ensureEchoServer()) {
        variables.insert(kEchoVariable.toString(),
                         m_echo->baseUrl().toString(QUrl::StripTrailingSlash));
    }
    return resolveVariables(request, variables);
}

QList<FieldProblem> RequestController::send(const Request &request)
{
    if (isBusy())
        return {};

    const Request resolved = resolve(request);
    QList<FieldProblem> problems;
    if (requestReferences(request, kEchoVariable) && !m_echo->isListening()) {
        // Said plainly, instead of as the malformed URL that the bare placeholder would be.
        problems.append({RequestField::Url, -1,
                         QStringLiteral("Ferry's echo server ({{$echo}}) could not start: %1")
                             .arg(m_echoError)});
    } else {
        problems = validateRequest(resolved);
    }
    if (!problems.isEmpty()) {
        emit problemsFound(problems);
        return problems;
    }

    // Method and address only: queries, headers and bodies may carry secrets.
    qCDebug(lcUi).noquote()
        << "Sending" << resolved.wireMethod()
        << QUrl(resolved.url).toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    // The client never reports before send() returns, so the id is known by then.
    m_current = m_client->send(resolved, m_options);
    emit busyChanged(true);
    return {};
}

void RequestController::cancel()
{
    if (isBusy())
        m_client->cancel(m_current);
}

void RequestController::handleFinished(quint64 id, const Response &response)
{
    if (id != m_current)
        return;

    m_current = 0;
    emit busyChanged(false);
    emit responseReady(response);
}

} // namespace ferry
