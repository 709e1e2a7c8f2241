#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace ferry {

class CodeView;

// The request body: a JSON-highlighting editor and the body's content type, which is sent as
// Content-Type unless a header row sets one.
class BodyEditor final : public QWidget {
    Q_OBJECT

public:
    explicit BodyEditor(QWidget *parent = nullptr);

    QByteArray body() const;
    // The chosen content type, or an empty string for "none".
    QString contentType() const;
    void setBody(const QByteArray &body, const QString &contentType);

    void markContentTypeProblem(const QString &message);
    void clearProblems();
    void focusContentType();

    CodeView *editor() const { return m_editor; }

Q_SIGNALS:
    void changed();

private:
    void formatBody();
    void showLanguage();

    QComboBox *m_contentType = nullptr;
    QPushButton *m_formatButton = nullptr;
    CodeView *m_editor = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace ferry
