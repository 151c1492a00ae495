package dev.recoveryorchestrator.notify;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mails the SMTP server has accepted, each written at once in a transaction of its own (not the job's), so
 * that a send job run again (its node died after sending and before its commit, or its lock expired) finds its mail
 * sent and does not send it a second time. What remains is the moment between the server's "250 OK" and this
 * commit, milliseconds instead of the rest of the job.
 */
@Component
class SentMails {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    SentMails(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    boolean sent(String mailKey) {
        Integer count = ownTransaction.execute(status -> jdbc.queryForObject(
                "select count(*) from ro_mail_sent where mail_key = ?", Integer.class, mailKey));
        return count != null && count > 0;
    }

    void record(String mailKey, Instant at) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into ro_mail_sent (mail_key, sent_at) values (?, ?)", mailKey, Timestamp.from(at)));
        } catch (DuplicateKeyException alreadyThere) {
            // recorded by an earlier run of the same job
        }
    }
}
