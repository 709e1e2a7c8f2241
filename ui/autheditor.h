#pragma once

#include "core/request.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;

namespace ferry {

// How the request authenticates: nothing, or a bearer token sent as
// "Authorization: Bearer <token>". The token is masked unless the user asks to see it.
class AuthEditor final : public QWidget {
    Q_OBJECT

public:
    explicit AuthEditor(QWidget *parent = nullptr);

    Auth auth() const;
    void setAuth(const Auth &auth);

    void markTokenProblem(const QString &message);
    void clearProblems();
    void focusToken();

Q_SIGNALS:
    void changed();

private:
    void showKind();

    QComboBox *m_kind = nullptr;
    QWidget *m_tokenRow = nullptr;
    QLineEdit *m_token = nullptr;
    QAction *m_showToken = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace ferry
