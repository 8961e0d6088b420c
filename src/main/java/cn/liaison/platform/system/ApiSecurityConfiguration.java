package cn.liaison.platform.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the platform's own API under /api: HTTP Basic against the Camunda identity service, so
 * one set of users and groups serves Tasklist, /engine-rest and /api. Citizens' endpoints are public;
 * they are protected by ticket keys and rate limits instead. The Camunda webapps and /engine-rest keep
 * their own authentication and are not matched here.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ApiSecurityConfiguration {

  /** Authorities are the user's Camunda groups, prefixed GROUP_ (e.g. GROUP_station-staff). */
  static final String GROUP_PREFIX = "GROUP_";

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, ProblemAuthenticationEntryPoint problems,
      AuthenticationProvider camundaIdentity) throws Exception {
    return http
        .securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable()) // stateless API with Basic credentials, no cookies
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationProvider(camundaIdentity)
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/api/admin/**").hasAuthority(GROUP_PREFIX + "camunda-admin")
            .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
            // public: the citizen side and reference data; finer rules sit on the endpoints
            .anyRequest().permitAll())
        .build();
  }

  /**
   * No Micrometer observation per security filter: with an observation registry present Spring Security wraps
   * every filter of every chain in an observation, which cost a measurable share of each request's CPU (JFR:
   * ObservationFilterChainDecorator among the top frames of a submission). Requests stay observed as a whole
   * (http.server.requests).
   */
  @Bean
  static SecurityObservationSettings noSecurityFilterObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  AuthenticationProvider camundaIdentityAuthenticationProvider(IdentityService identityService) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || credentials == null
            || !identityService.checkPassword(userId, credentials.toString())) {
          throw new BadCredentialsException("用户名或密码错误");
        }
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list()
            .stream().map(Group::getId).map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }
}
