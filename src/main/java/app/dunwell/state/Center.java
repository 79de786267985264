package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** A center: its time zone, closures, setting overrides, mode, webhook secret and kill switch. */
@Entity
@Table(name = "center")
public class Center extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String timezone;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String holidays;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String settings;
    public String mode;
    public String webhookSecret;
    /** The center's kill switch: nothing is sent while it is on. */
    public boolean sendingPaused;
    public Instant createdAt;
    /** Where its events are POSTed (none: the pull feed only), and the sealed secret that signs them. */
    public String eventsUrl;
    public String eventsSecret;
    /** {@code {"effects": [...], "balanceAbove": "1000.00"}}: what waits for a person in AUTO mode too. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String approval = "{}";
    /** {@code {"families": [...], "percent": 10}}: the families the mode applies to; the others are handled as SHADOW. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String pilot = "{}";
}
