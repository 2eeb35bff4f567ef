-- The demo replaces the generated tables' contents; categories keep their (user's) mapping.
delete from profile_changes;
delete from interactions;
delete from surveys;
delete from orders;
delete from assets;
delete from customers;
