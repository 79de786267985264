package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** One decision as it was made: the request it answered, the answer, and the ruleset version that decided. */
@Entity
public class DecisionRecord extends PanacheEntityBase {
    @Id
    public UUID id;
    public String invoiceId;
    public String centerId;
    /** Asked for without a key: the center is only what the request said. */
    public boolean anonymous;
    public Instant asOf;
    public String rulesetVersion;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String request;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String answer;
    public Instant createdAt;
}
