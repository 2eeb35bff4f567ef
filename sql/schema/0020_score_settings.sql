-- Score settings: the weights and thresholds of custval's scoring functions (satisfaction_index,
-- loyalty_score, contact_closeness, lifecycle_stage, replacement_readiness, value_class, ...).
-- Shipped with the documented defaults (docs/scores/); edit `value` to tune a score for this database:
--     update score_settings set value = 180 where score = 'satisfaction' and setting = 'half_life_days';
-- Views pass them to the functions as their last argument: score_settings_map('satisfaction').
-- A function called without that argument uses its built-in defaults, equal to default_value here.

create table score_settings (
    score         varchar not null,  -- settings group; satisfaction_index and satisfaction_level share 'satisfaction'
    setting       varchar not null,  -- key the function reads, unique within score
    value         double not null,   -- the value in force for this database
    default_value double not null,   -- custval's built-in default, for reference
    doc           varchar not null
);

insert into score_settings (score, setting, value, default_value, doc) values
    ('satisfaction', 'half_life_days',                       365,      365, 'a survey''s recency weight halves toward the floor every this many days'),
    ('satisfaction', 'memory_floor',                         0.5,      0.5, 'smallest recency weight: old surveys fade to this share of a new one, never to zero'),
    ('satisfaction', 'points_very_satisfied',                100,      100, 'points of a very_satisfied answer'),
    ('satisfaction', 'points_satisfied',                      75,       75, 'points of a satisfied answer'),
    ('satisfaction', 'points_neutral',                        50,       50, 'points of a neutral answer'),
    ('satisfaction', 'points_dissatisfied',                   25,       25, 'points of a dissatisfied answer'),
    ('satisfaction', 'points_complaint',                       0,        0, 'points of a complaint'),
    ('satisfaction', 'weight_dissatisfied',                    2,        2, 'a dissatisfied answer counts this many times a neutral or positive one'),
    ('satisfaction', 'weight_complaint',                       3,        3, 'a complaint counts this many times a neutral or positive answer'),
    ('satisfaction', 'satisfied_from',                        65,       65, 'index at or above this is satisfied'),
    ('satisfaction', 'unsatisfied_below',                     45,       45, 'index below this is unsatisfied'),
    ('satisfaction', 'recent_complaint_days',                 90,       90, 'a complaint this recent makes the level unsatisfied whatever the index; 0 turns the rule off'),
    ('loyalty',      'weight_discretionary',                  30,       30, 'weight of the discretionary share of spend'),
    ('loyalty',      'discretionary_share_target',           0.3,      0.3, 'discretionary share that earns the full component'),
    ('loyalty',      'weight_discretionary_breadth',          15,       15, 'weight of the number of discretionary categories bought'),
    ('loyalty',      'discretionary_categories_target',        3,        3, 'discretionary categories that earn the full component'),
    ('loyalty',      'weight_breadth',                         5,        5, 'weight of the number of categories bought, of any kind'),
    ('loyalty',      'categories_target',                      5,        5, 'categories that earn the full component'),
    ('loyalty',      'weight_renewals',                       10,       10, 'weight of renewals (renewal orders plus membership_renewal interactions)'),
    ('loyalty',      'renewals_target',                        2,        2, 'renewals that earn the full component'),
    ('loyalty',      'weight_events',                         10,       10, 'weight of events attended'),
    ('loyalty',      'events_target',                          3,        3, 'events that earn the full component'),
    ('loyalty',      'weight_referrals',                      10,       10, 'weight of referrals made'),
    ('loyalty',      'referrals_target',                       2,        2, 'referrals that earn the full component'),
    ('loyalty',      'weight_voice',                           5,        5, 'weight of posts and suggestions'),
    ('loyalty',      'voice_target',                           3,        3, 'posts plus suggestions that earn the full component'),
    ('loyalty',      'weight_tenure',                          5,        5, 'weight of tenure'),
    ('loyalty',      'tenure_target_years',                    5,        5, 'tenure in years that earns the full component'),
    ('loyalty',      'weight_repeat',                         10,       10, 'weight of the repeat rate (orders after the first per year of tenure)'),
    ('loyalty',      'repeat_target_per_year',                 2,        2, 'repeat orders per year that earn the full component'),
    ('loyalty',      'loyal_from',                            60,       60, 'score at or above this is loyal (if the discretionary gate passes)'),
    ('loyalty',      'developing_from',                       30,       30, 'score at or above this is developing'),
    ('loyalty',      'loyal_min_discretionary_share',        0.1,      0.1, 'loyal needs at least this discretionary share, whatever the score'),
    ('contact',      'window_days',                          730,      730, 'only interactions this many days before as_of count'),
    ('contact',      'refused_calls_limit',                    2,        2, 'this many refused calls in the window mean do_not_contact'),
    ('contact',      'unanswered_calls_limit',                 3,        3, 'this many unanswered calls and no answered one make a valid phone number unusable'),
    ('contact',      'close_points',                           3,        3, 'engagement points for close (at least one customer-initiated interaction is needed too)'),
    ('contact',      'points_call_answered',                   1,        1, 'points of an answered call'),
    ('contact',      'points_event',                           2,        2, 'points of an event attended'),
    ('contact',      'points_referral',                        3,        3, 'points of a referral made'),
    ('contact',      'points_suggestion',                      2,        2, 'points of a suggestion'),
    ('contact',      'points_post',                            1,        1, 'points of a post'),
    ('lifecycle',    'new_days',                              90,       90, 'a customer whose tenure is shorter than this is new'),
    ('lifecycle',    'min_orders_for_rhythm',                  3,        3, 'orders needed before the customer''s own interval is trusted'),
    ('lifecycle',    'norm_days',                            180,      180, 'interval used when the customer has too few orders and no category norm is given'),
    ('lifecycle',    'min_interval_days',                      7,        7, 'intervals shorter than this are raised to it'),
    ('lifecycle',    'at_risk_ratio',                        1.5,      1.5, 'days since last / interval at or above this is at_risk'),
    ('lifecycle',    'lapsed_ratio',                           3,        3, 'days since last / interval at or above this is lapsed'),
    ('lifecycle',    'lost_ratio',                             5,        5, 'days since last / interval at or above this is lost'),
    ('replacement',  'window_open_years',                      5,        5, 'the replacement window opens at this asset age'),
    ('replacement',  'overdue_years',                          8,        8, 'at this asset age replacement is overdue'),
    ('replacement',  'major_spend_share',                    0.1,      0.1, 'spend in the last 12 months at or above this share of the asset price is a major renewal'),
    ('replacement',  'major_spend_amount',                  2000,     2000, 'major-renewal threshold when the asset price is unknown'),
    ('value',        'growth_from',                          0.2,      0.2, 'growth at or above this makes a non-negative customer most_growth'),
    ('value',        'negative_below',                         0,        0, 'net value (margin - serve cost) below this is negative');

-- The settings of one score as the MAP(VARCHAR, DOUBLE) the functions take; NULL when the score has none.
create macro score_settings_map(score_name) as (
    select map_from_entries(list({'key': setting, 'value': value} order by setting))
    from score_settings
    where score = score_name
);
