package dev.recoveryorchestrator.inspection.monthly;

import dev.recoveryorchestrator.escalation.ContactSettings;
import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.notify.MailText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The contact list review (연락처 검토): shows the current contacts ({@code recovery.contacts} and, for those who use
 * Tasklist, the Camunda identity store's e-mail and phone), and applies the changes a person enters to the identity
 * store that tasks and mail use. A change is one line {@code <user id> <e-mail> [<phone>]}; every line is checked
 * before anything is saved (a known user, a plain address, a phone of digits), so a bad line changes nothing.
 */
@Component
class ContactReview {

    static final String CHECK = "contacts-review";
    static final String TITLE = "연락처 검토";
    static final String PHONE = "phone";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,189}");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9][0-9-]{3,30}");
    private static final int MAX_CHANGES = 10_000;

    private final IdentityService identity;
    private final ContactSettings contacts;
    private final EscalationSettings escalation;

    ContactReview(IdentityService identity, ContactSettings contacts, EscalationSettings escalation) {
        this.identity = identity;
        this.contacts = contacts;
        this.escalation = escalation;
    }

    /**
     * Whose address a review may change: a member of a tier below the approver tier. Never the approver tier's (CTO)
     * nor an administrator's: a responder must not be able to redirect the mail of those who approve or administer.
     */
    private boolean mayChange(String userId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup("camunda-admin").count() > 0
                || identity.createUserQuery().userId(userId).memberOfGroup(escalation.approverGroup()).count() > 0) {
            return false;
        }
        return escalation.tiers().stream().map(EscalationSettings.Tier::group)
                .filter(group -> !group.equals(escalation.approverGroup()))
                .anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
    }

    /** One change: the user's new e-mail and, when given, phone. */
    record Change(String userId, String email, String phone) {
    }

    /** The contact list as it is now, one line per person. */
    String currentList() {
        StringBuilder list = new StringBuilder();
        for (Map.Entry<String, List<ContactSettings.Contact>> group : contacts.contacts().entrySet()) {
            for (ContactSettings.Contact contact : group.getValue()) {
                list.append(group.getKey()).append(": ").append(contact.name()).append(" <").append(contact.email())
                        .append(">").append(contact.phone() == null ? "" : " " + contact.phone())
                        .append(contact.hours() == null ? "" : " (" + contact.hours() + ")");
                if (contact.user() != null) {
                    User user = identity.createUserQuery().userId(contact.user()).singleResult();
                    list.append(" - Tasklist ").append(contact.user());
                    if (user != null) {
                        String phone = identity.getUserInfo(contact.user(), PHONE);
                        list.append(": ").append(user.getEmail()).append(phone == null ? "" : " " + phone);
                    }
                }
                list.append("\n");
            }
        }
        list.append("\n변경: 한 줄에 하나씩 '사용자ID 이메일 [전화번호]' (예: devops1 devops1@routing-ml.local 010-1234-5678)");
        return list.toString();
    }

    /** Parses and checks every line; throws {@link IllegalArgumentException} naming the first bad line. */
    List<Change> parse(String text) {
        List<Change> changes = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return changes;
        }
        if (text.length() > MAX_CHANGES) {
            throw new IllegalArgumentException("변경 내용이 " + MAX_CHANGES + "자보다 깁니다");
        }
        int number = 0;
        for (String line : text.split("\r\n|\r|\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.strip().split("[ \t]+");
            if (words.length < 2 || words.length > 3) {
                throw new IllegalArgumentException(number + "번째 줄: '사용자ID 이메일 [전화번호]' 형식이 아닙니다");
            }
            if (!USER.matcher(words[0]).matches() || identity.createUserQuery().userId(words[0]).count() == 0) {
                throw new IllegalArgumentException(number + "번째 줄: 알 수 없는 사용자입니다");
            }
            if (!mayChange(words[0])) {
                throw new IllegalArgumentException(number + "번째 줄: 이 검토에서 바꿀 수 없는 사용자입니다 (최종 승인 단계와 관리자는 "
                        + "Camunda Admin 에서 직접 바꿉니다)");
            }
            if (!isAddress(words[1])) {
                throw new IllegalArgumentException(number + "번째 줄: 이메일 주소가 올바르지 않습니다");
            }
            if (words.length == 3 && !PHONE_NUMBER.matcher(words[2]).matches()) {
                throw new IllegalArgumentException(number + "번째 줄: 전화번호는 숫자와 - 만 (앞에 + 가능)");
            }
            changes.add(new Change(words[0], words[1], words.length == 3 ? words[2] : null));
        }
        return changes;
    }

    /** Saves the changes in the identity store; returns what changed, one line each. */
    List<String> apply(List<Change> changes) {
        List<String> applied = new ArrayList<>();
        for (Change change : changes) {
            User user = identity.createUserQuery().userId(change.userId()).singleResult();
            String before = user.getEmail();
            user.setEmail(change.email());
            identity.saveUser(user);
            if (change.phone() != null) {
                identity.setUserInfo(change.userId(), PHONE, change.phone());
            }
            applied.add(change.userId() + ": " + before + " → " + change.email()
                    + (change.phone() == null ? "" : " " + change.phone()));
        }
        return applied;
    }

    /** Stricter than mail needs (an identity's address is kept), and then what mail itself accepts. */
    private static boolean isAddress(String address) {
        return address.length() <= 254 && PLAIN_ADDRESS.matcher(address).matches() && MailText.isAddress(address);
    }
}
