package cn.liaison.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Spring context of the H2 tests: the whole platform on a random port with the test profile
 * (application-test.yaml holds every setting the tests need). Every H2 test class that needs Spring uses this
 * and nothing else (no properties, no @DirtiesContext, no mocked beans), so Spring starts the platform once
 * for the suite, and once more with process-test coverage in the engine for the classes marked
 * {@link FullProcessCoverage} (coverage slows every process step, so the other classes run without it).
 * Tests sharing a context create their own data (unique tickets and codes) and compare counts before and
 * after, never absolute counts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface PlatformTest {}
