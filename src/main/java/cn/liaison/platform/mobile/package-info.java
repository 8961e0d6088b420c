/**
 * 移动工作台 (/m): the phone-first workbench where deputies and field staff do their tasks with the same Camunda Forms
 * as Tasklist, rendered by form-js in the browser. Its own login page creates the same Camunda webapp session as
 * Tasklist's (so the household card and the field pages open without a second login); task data goes through the
 * engine's Java API as the logged-in user, so Camunda's authorizations and the task completion guard apply exactly
 * as they do for Tasklist.
 */
package cn.liaison.platform.mobile;
