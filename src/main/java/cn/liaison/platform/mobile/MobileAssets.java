package cn.liaison.platform.mobile;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The workbench's scripts and styles. Their names carry their version (form-viewer-1.8.7, app-N), so a phone keeps
 * them for a year and fetches them once; the service worker (/m/sw.js) must be revalidated, or a phone would never
 * learn of a new version.
 */
@Configuration(proxyBeanMethods = false)
class MobileAssets implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/m/assets/**").addResourceLocations("classpath:/mobile/assets/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    registry.addResourceHandler("/m/sw*.js").addResourceLocations("classpath:/mobile/")
        .setCacheControl(CacheControl.noCache());
  }
}
