package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A family's reply with the sentiment it was classified as. */
@Entity
@Table(name = "reply")
public class StoredReply extends PanacheEntityBase {
    @Id
    public UUID id;
    public String centerId;
    public String familyId;
    public String invoiceId;
    public String text;
    public String channel;
    public Instant receivedAt;
    public String sentiment;
    public BigDecimal confidence;
    public LocalDate promisedOn;
    public String classifier;
    /** A person's reading, which wins over the classifier's. */
    public String labelSentiment;
    public LocalDate labelPromisedOn;
    public java.time.Instant labelledAt;
    public String labelledBy;
}
