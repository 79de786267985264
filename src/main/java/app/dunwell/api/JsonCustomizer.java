package app.dunwell.api;

import app.dunwell.decision.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The API speaks the contract's JSON dialect (see {@link JsonMapping}). */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        JsonMapping.configure(mapper);
    }
}
