/** Database foundations shared by the features: group commit, after-commit actions, time-ordered row ids. */
package io.gatehouse.database;
