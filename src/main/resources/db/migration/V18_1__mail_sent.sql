-- Mail is sent by a job (notification-mail's Task_SendMail), and a job can run twice: its node dies after the SMTP
-- server accepted the mail and before the job's transaction committed, and another node runs it again. Each accepted
-- mail is written here at once, in a transaction of its own; a job that finds its mail here does not send it again.
-- mail_key is the notification-mail instance: one mail each.
create table ro_mail_sent (
    mail_key   varchar(64)              not null primary key,
    sent_at    timestamp with time zone not null
);
