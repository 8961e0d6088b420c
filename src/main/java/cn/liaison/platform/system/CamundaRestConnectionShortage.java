package cn.liaison.platform.system;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Gives every Jersey application of the platform (listed in META-INF/services, so also the Camunda webapps' own
 * REST APIs, which Spring does not configure) the mappers that answer a database connection shortage with 503
 * ({@link EngineRestConnectionShortage}).
 */
public final class CamundaRestConnectionShortage implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    EngineRestConnectionShortage.register(context);
  }
}
